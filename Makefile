# The README's commands. CMake does the building, CTest the testing.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
HELHED := $(BUILD)/helhed
DEMO_DB ?= sqlite:helhed.db
FUZZ_SECONDS ?= 60
MAKEFLAGS += --no-print-directory

.PHONY: all setup build demo run check bench fmt lint fuzz clean

all: build

setup:
	@scripts/setup.sh

$(BUILD)/Makefile:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS)

# Install what is missing, build, create or refresh the demo database (printing
# the demo logins) and serve.
demo: setup build
	@$(HELHED) demo --db $(DEMO_DB)
	@echo "Helhed: open http://127.0.0.1:8080 (Ctrl-C stops)"
	$(HELHED) serve --db $(DEMO_DB)

run: build
	$(HELHED) serve

# Every test: unit (plain and ASan+UBSan), fuzz corpora, CLI, API on SQLite
# and PostgreSQL, browser, lint.
check: setup build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench:
	@scripts/setup.sh --bench
	@$(MAKE) --no-print-directory build
	bench/http.sh $(HELHED)
	bench/import.sh $(HELHED)
	bench/profile.sh $(HELHED)
	bench/plans.sh $(HELHED)
	bench/activities.sh $(HELHED) 8 default national
	bench/warning.sh $(HELHED)
	bench/lists.sh $(HELHED)
	bench/dialogue.sh $(HELHED)

fmt:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint:
	scripts/check-banned.sh
	scripts/check-format.sh
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --inline-suppr \
	  --std=c11 -I src -I $(BUILD)/generated src

# libFuzzer with clang: builds the fuzz targets and runs each for FUZZ_SECONDS,
# writing new inputs to build-fuzz/ (copy interesting ones into fuzz/corpus/).
fuzz:
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DHELHED_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-fuzz -j $(JOBS) --target fuzz_router fuzz_query fuzz_csv fuzz_xlsx fuzz_boundary fuzz_lists fuzz_persons fuzz_plans fuzz_activities fuzz_session_json fuzz_dialogue_json
	for t in router query csv xlsx boundary lists persons plans activities session_json dialogue_json; do \
	  mkdir -p build-fuzz/corpus-$$t && cp -n fuzz/corpus/$$t/* build-fuzz/corpus-$$t/ ; \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus-$$t || exit 1; \
	done

clean:
	rm -rf $(BUILD) build-fuzz
