// Written for Services Publics +, put into FerretDB's SQLite back end at build time by
// patch_vendor.py (see there).

package sqlite

import (
	"fmt"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
)

// spplusMaxIn bounds the `$in` lists turned into SQL (SQLite's default limit on parameters is
// far above it).
const spplusMaxIn = 1000

// spplusIDWhere returns the WHERE clause and its arguments that select rows by `_id` when the
// filter has, at its top level, `_id` equal to a string or an ObjectID, or `_id: {$in: [...]}`
// of those; "" and nil otherwise (the whole table is read, as FerretDB does).
//
// FerretDB itself pushes `_id` down only when it is the filter's one key, so
// `{_id: x, status: "pending"}` read every row. The clause may select more rows than the filter
// matches: FerretDB's handler filters every row it gets with the whole filter again (find,
// findAndModify, update, delete and count alike), so selecting by `_id` only narrows the read.
func spplusIDWhere(filter *types.Document) (string, []any) {
	if filter == nil {
		return "", nil
	}

	v, err := filter.Get("_id")
	if err != nil {
		return "", nil
	}

	switch v := v.(type) {
	case string, types.ObjectID:
		arg, err := sjson.MarshalSingleValue(v)
		if err != nil {
			return "", nil
		}

		return fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn), []any{string(arg)}

	case *types.Document:
		if v.Len() != 1 {
			return "", nil
		}

		in, err := v.Get("$in")
		if err != nil {
			return "", nil
		}

		list, ok := in.(*types.Array)
		if !ok || list.Len() == 0 || list.Len() > spplusMaxIn {
			return "", nil
		}

		args := make([]any, 0, list.Len())

		for i := 0; i < list.Len(); i++ {
			e, err := list.Get(i)
			if err != nil {
				return "", nil
			}

			switch e.(type) {
			case string, types.ObjectID:
			default:
				return "", nil // other types compare differently: leave them to the handler
			}

			arg, err := sjson.MarshalSingleValue(e)
			if err != nil {
				return "", nil
			}

			args = append(args, string(arg))
		}

		marks := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")

		return fmt.Sprintf(` WHERE %s IN (%s)`, metadata.IDColumn, marks), args
	}

	return "", nil
}
