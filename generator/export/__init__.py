"""Exports beside the site: open data (CSV, JSON, XLSX, Data Package), feeds, per-project downloads."""
