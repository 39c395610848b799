# dyad -- the two commands of the README, and the rest.
#
#   make          install what is missing (apt), build build/dyad
#   make demo     ... and code the bundled sample articles, print the busiest dyads
#   make test     ... and run every test: unit, golden, CLI, under ASan+UBSan, fuzz smoke
#   make eval     the seed article's checks, then the dev-gold scores (needs ../shared)
#   make bench    speed benchmark (needs ../shared)
#   make bench-store  event store benchmark: ingest vs code, millions of events, queries
#   make fuzz     run each fuzz target longer (FUZZ_SECONDS, default 60)

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
SHARED     ?= ../shared
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5

.PHONY: all deps build demo test test-fast test-asan test-fuzz fuzz eval bench bench-store clean

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh all

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/dyad

test: deps-test test-fast test-asan test-fuzz
	@echo "make test: all tests passed"

test-fast: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=address,undefined >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

test-fuzz: deps-test
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DDYAD_FUZZ=ON -DDYAD_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS)

fuzz: test-fuzz
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

eval: build
	@test -d $(SHARED)/eval || { echo "make eval: $(SHARED)/eval not found" >&2; exit 2; }
	@tests/shared/seed.sh $(BUILD)/dyad $(SHARED)
	@$(SHARED)/eval/run.sh "$(BUILD)/dyad code"

bench: build
	@bench/run.sh $(BUILD)/dyad $(SHARED)

bench-store: build
	@scripts/deps.sh test
	@bench/store/run.sh $(BUILD)/dyad $(SHARED)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
