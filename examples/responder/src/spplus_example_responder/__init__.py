"""An example responder system for one network (start from it: see the README)."""
