# zhibiao — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
ADDRESS ?= $(or $(ZHIBIAO_ADDRESS),127.0.0.1)

.PHONY: run test install db demo sysdeps bench audit lint clean-db help

help:
	@echo "make run    安装、建库、加载示范乡并启动看板 http://localhost:$(PORT)"
	@echo "make test   安装（含 chromium、中文字体）并运行全部测试"
	@echo "make bench  性能基准（JSON）"
	@echo "make audit  依赖安全检查（PyPI 漏洞数据，逐个核对 constraints.txt）"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

db: install
	$(VENV)/bin/zhibiao init

demo: db
	$(VENV)/bin/zhibiao demo --if-empty

run: demo
	@echo "看板地址：http://localhost:$(PORT)   （Ctrl+C 停止）"
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

# Debian's chromium and a CJK font for the browser tests, LibreOffice for .doc/.wps reports and
# tesseract (with Chinese) for scans; installed with apt-get when run as root.
sysdeps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	  command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	  command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	  dpkg -s tesseract-ocr-chi-sim >/dev/null 2>&1 || missing="$$missing tesseract-ocr-chi-sim"; \
	  if [ -n "$$missing" ]; then \
	    echo "apt-get install$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	else \
	  command -v chromium >/dev/null || echo "注意：没有 chromium，浏览器测试将跳过（非 root，无法 apt-get）"; \
	  command -v soffice >/dev/null || echo "注意：没有 LibreOffice，.doc/.wps 测试将跳过"; \
	  command -v tesseract >/dev/null || echo "注意：没有 tesseract，扫描件识别测试将跳过"; \
	fi

test: install sysdeps
	$(PY) -m pytest

bench: install
	$(PY) bench.py

audit: install
	$(PY) tools/audit_deps.py constraints.txt

clean-db:
	rm -f data/zhibiao.db data/zhibiao.db-wal data/zhibiao.db-shm
