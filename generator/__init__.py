"""Static-site generator for 财政项目支出绩效目标表 (project performance-target tables)."""

__version__ = "0.1.0"
