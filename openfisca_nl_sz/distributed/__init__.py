"""Chunked execution of populations on dask.distributed (issue 16)."""
