"""Conditional writes on one document, found by `_id` first.

FerretDB 1.24 over SQLite pushes a filter down to the database only when it is exactly
`{"_id": value}`; `{"_id": value, "status": "pending"}` reads the whole collection. Yet most of our
writes are of that second kind (a compare-and-set on one document). `IdFirst` wraps a collection
so that such a write reads the document by `_id`, checks the rest of the filter here, and writes
with `{"_id": value}` alone. FerretDB v1 does not make a conditional write atomic anyway (measured:
two `find_one_and_update` on one condition both win), so nothing is lost that was there; the
services decide whatever must happen once with inserts under a unique `_id`.

Only the operators our filters use are checked here; any other filter goes to the database as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError
from pymongo.results import DeleteResult, UpdateResult

from .mongo import Document

_MISSING = object()


def _get(doc: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path; through an array, the list of its elements' values (so that
    `{"responses.id": x}` matches when one element's `id` is x, as in MongoDB)."""
    value: Any = doc
    for part in path.split("."):
        if isinstance(value, list):
            found = [v[part] for v in value if isinstance(v, Mapping) and part in v]
            if not found:
                return _MISSING
            value = found
        elif isinstance(value, Mapping) and part in value:
            value = value[part]
        else:
            return _MISSING
    return value


def _eq(value: Any, want: Any) -> bool:
    if value is _MISSING:
        return want is None
    if isinstance(value, list) and not isinstance(want, list):
        return want in value
    return bool(value == want)


def _op(value: Any, op: str, arg: Any) -> bool | None:
    if op == "$eq":
        return _eq(value, arg)
    if op == "$ne":
        return not _eq(value, arg)
    if op == "$exists":
        return (value is not _MISSING) == bool(arg)
    if op == "$in":
        return any(_eq(value, a) for a in arg)
    if op == "$nin":
        return not any(_eq(value, a) for a in arg)
    if op in ("$lt", "$lte", "$gt", "$gte"):
        if value is _MISSING or value is None or arg is None:
            return False
        try:
            return bool(
                {
                    "$lt": value < arg,
                    "$lte": value <= arg,
                    "$gt": value > arg,
                    "$gte": value >= arg,
                }[op]
            )
        except TypeError:
            return None
    return None  # not known here


def matches(doc: Mapping[str, Any], flt: Mapping[str, Any]) -> bool | None:
    """Whether `doc` meets `flt`; None when the filter uses an operator not known here."""
    for key, want in flt.items():
        if key == "$or":
            found = [matches(doc, sub) for sub in want]
            if None in found:
                return None
            if not any(found):
                return False
            continue
        if key.startswith("$"):
            return None
        value = _get(doc, key)
        if isinstance(want, Mapping) and want and all(k.startswith("$") for k in want):
            for op, arg in want.items():
                ok = _op(value, op, arg)
                if ok is None:
                    return None
                if not ok:
                    return False
        elif not _eq(value, want):
            return False
    return True


class IdFirst:
    """A collection whose one-document conditional writes read the document by `_id` first."""

    def __init__(self, coll: AsyncCollection[Document]) -> None:
        self._coll = coll

    def __getattr__(self, name: str) -> Any:
        return getattr(self._coll, name)

    async def _check(self, flt: Any, upsert: bool = False) -> tuple[Any, bool | None] | None:
        """(`_id`, whether the document meets the filter — None: there is no such document), or
        None to leave the filter to the database."""
        if not isinstance(flt, Mapping) or len(flt) < 2 or "_id" not in flt:
            return None
        doc_id = flt["_id"]
        if isinstance(doc_id, Mapping):
            return None
        rest = {k: v for k, v in flt.items() if k != "_id"}
        if upsert and any(
            not k.startswith("$") and not (isinstance(v, Mapping) and v) for k, v in rest.items()
        ):
            return None  # an upsert would copy these equalities into the new document
        doc = await self._coll.find_one({"_id": doc_id})
        if doc is None:
            return doc_id, None
        ok = matches(doc, rest)
        return None if ok is None else (doc_id, ok)

    async def _upsert(
        self, checked: tuple[Any, bool | None], method: str, *args: Any, **kw: Any
    ) -> Any:
        """An upsert whose filter was checked here: a document that exists but does not meet
        the filter makes MongoDB try to insert a second one with its `_id`, so: duplicate key."""
        doc_id, ok = checked
        if ok is False:
            raise DuplicateKeyError(f"E11000 duplicate key error: _id {doc_id!r}", 11000)
        kw.pop("sort", None)
        return await getattr(self._coll, method)({"_id": doc_id}, *args, **kw)

    async def find_one(self, flt: Any = None, *args: Any, **kwargs: Any) -> Any:
        checked = await self._check(flt)
        if checked is None:
            return await self._coll.find_one(flt, *args, **kwargs)
        doc_id, ok = checked
        return await self._coll.find_one({"_id": doc_id}, *args, **kwargs) if ok else None

    async def update_one(self, flt: Any, update: Any, *args: Any, **kwargs: Any) -> Any:
        checked = await self._check(flt, upsert=bool(kwargs.get("upsert")))
        if checked is None:
            return await self._coll.update_one(flt, update, *args, **kwargs)
        if kwargs.get("upsert"):
            return await self._upsert(checked, "update_one", update, *args, **kwargs)
        doc_id, ok = checked
        if not ok:
            return UpdateResult({"n": 0, "nModified": 0, "ok": 1.0}, acknowledged=True)
        return await self._coll.update_one({"_id": doc_id}, update, *args, **kwargs)

    async def find_one_and_update(self, flt: Any, update: Any, *args: Any, **kwargs: Any) -> Any:
        checked = await self._check(flt, upsert=bool(kwargs.get("upsert")))
        if checked is None:
            return await self._coll.find_one_and_update(flt, update, *args, **kwargs)
        if kwargs.get("upsert"):
            return await self._upsert(checked, "find_one_and_update", update, *args, **kwargs)
        doc_id, ok = checked
        if not ok:
            return None
        kwargs.pop("sort", None)
        return await self._coll.find_one_and_update({"_id": doc_id}, update, *args, **kwargs)

    async def delete_one(self, flt: Any, *args: Any, **kwargs: Any) -> Any:
        checked = await self._check(flt)
        if checked is None:
            return await self._coll.delete_one(flt, *args, **kwargs)
        doc_id, ok = checked
        if not ok:
            return DeleteResult({"n": 0, "ok": 1.0}, acknowledged=True)
        return await self._coll.delete_one({"_id": doc_id}, *args, **kwargs)


def id_first(coll: AsyncCollection[Document]) -> AsyncCollection[Document]:
    """`coll`, its one-document conditional writes by `_id` first (typed as the collection)."""
    wrapped: Any = IdFirst(coll)
    return wrapped
