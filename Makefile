# Convenience targets; the README's two commands are scripts/demo.sh and scripts/test.sh.
.PHONY: setup demo test lint bench eval model schemas
setup:
	scripts/bootstrap.sh
demo:
	scripts/demo.sh
test:
	scripts/test.sh
lint: setup
	.venv/bin/ruff check src tests && .venv/bin/lint-imports --no-cache && .venv/bin/mypy
bench: setup
	.venv/bin/vigipub bench
eval: setup
	.venv/bin/vigipub eval --cv
model: setup
	.venv/bin/vigipub model train
schemas: setup
	.venv/bin/python -m vigipub.schemas docs/schemas
lock:
	.venv/bin/uv pip compile pyproject.toml --extra dev --extra spark --python-version 3.11 --generate-hashes -o requirements.lock
