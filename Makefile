# zwxt — 两条命令：make run（安装并在示例数据上运行）与 make test（安装并运行全部测试）
# make fuzz：用大量随机输入运行 tests/properties 中的性质测试（较慢，不属于 make test）
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# 示例数据所在时段内的一个日期，供 make run 展示
AS_OF  ?= 2018-06-30
RENDER_MONTH ?= 2018-03

.PHONY: run test fuzz lint bench schema docs ci-files clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv (from PyPI, by pip) installs the packages pip would, in seconds rather than a minute; pip itself
# when uv cannot be had
$(STAMP): pyproject.toml | $(BIN)/python
	( $(BIN)/python -m pip install --quiet 'uv>=0.5' && \
	  $(BIN)/python -m uv pip install --quiet --python $(BIN)/python -e '.[dev]' ) || \
	  $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/zwxt check
	$(BIN)/zwxt status --as-of $(AS_OF)
	$(BIN)/zwxt render --month $(RENDER_MONTH)
	$(BIN)/zwxt render --month $(RENDER_MONTH) --summary

# pytest on every core (modules with slow tests first: tests/conftest.py), mypy beside it
test: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/lint-imports --no-cache
	@echo '$(BIN)/mypy & $(BIN)/python -m pytest -n auto'; \
	$(BIN)/mypy > $(VENV)/mypy.log 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest -n auto; tests=$$?; \
	wait $$mypy; typed=$$?; cat $(VENV)/mypy.log; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

# The property tests of make test, with the examples of the fuzz profile (tests/properties/conftest.py)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/properties --hypothesis-show-statistics

bench: $(STAMP)
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/import_speed.py --forms 100

schema: $(STAMP)
	$(BIN)/zwxt schema

# docs/codes.md, docs/cli.md and the init README's part of docs/填报指南.md, from the code (tests/test_docs.py)
docs: $(STAMP)
	$(BIN)/python tools/docs.py

# ci/ holds the CI and pre-commit files zwxt init writes, copied from their one source (tests/services/test_init.py)
ci-files:
	cp src/zwxt/templates/init/github-actions.yml ci/github-actions.yml
	cp src/zwxt/templates/init/gitlab-ci.yml ci/gitlab-ci.yml
	cp src/zwxt/templates/init/pre-commit-config.yaml ci/pre-commit-config.yaml

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
