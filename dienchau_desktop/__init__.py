"""Soạn, kiểm tra và in báo cáo của Đảng ủy xã (offline)."""

__version__ = "0.1.0"
APP_NAME = "Diễn Châu – Báo cáo"
