//===----------------------------------------------------------------------===//
// VariableEnvironment: the `${NAME}` variables and keywords of one running .test file.
//
// Variables come from three places, in this order of precedence:
//   1. the configuration (`--config FILE`, `KEY=VALUE` lines): always wins;
//   2. `test-env NAME value` inside the test: a default that a configuration may override;
//   3. `require-env NAME`: the process environment variable of that name.
// Loop variables (`loop i ...`, `foreach x ...`) are passed separately per iteration and shadow all
// of the above, innermost loop first.
//
// Substitute() replaces `${NAME}` first, then the keywords: `__TEST_DIR__` (this file's temp
// dir), `__WORKING_DIRECTORY__` and `{UUID}` (a fresh random UUID at every occurrence). Values are
// stored with their keywords already replaced, so a `{UUID}` inside a variable is one UUID for the
// whole file. An undefined `${NAME}` is an error value naming the variable, never left in the SQL.
//
// Newer DuckDB test files write variables without the dollar: `{NAME}`, plus the keywords
// `{TEST_DIR}` and `{BASE_TEST_NAME}` (the file name without directory and extension). `{NAME}` is
// replaced only when NAME is defined (or one of those keywords); any other `{...}` is left alone,
// because it is SQL (struct literals, JSON).
//
// Not thread-safe for writers: Define* must not run while concurrent loops read the environment
// (the executor rejects test-env/require-env inside concurrent loops).
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ducklake::sqllogic {

//! Loop variable bindings, outermost first.
using LoopBindings = std::vector<std::pair<std::string, std::string>>;

class VariableEnvironment {
public:
	VariableEnvironment(std::string test_dir, std::string base_test_name);

	const std::string &TestDirectory() const {
		return test_dir;
	}

	//! A configuration variable: fixed for the whole file.
	void DefineFromConfig(const std::string &name, const std::string &value);
	//! A `test-env` default. Returns false (and changes nothing) when the configuration already
	//! defines the name.
	bool DefineTestDefault(const std::string &name, const std::string &value);
	//! A `require-env` import, unless the configuration already defines the name.
	void DefineFromProcess(const std::string &name, const std::string &value);

	//! Replaces `${NAME}` and the keywords in input. Returns false and sets error for an undefined
	//! or unterminated `${...}`.
	bool Substitute(const std::string &input, const LoopBindings &loops, std::string &output, std::string &error) const;

	//! Only the keywords (__TEST_DIR__, __WORKING_DIRECTORY__, {UUID}).
	std::string ReplaceKeywords(const std::string &input) const;

private:
	struct Variable {
		std::string name;
		std::string value;
		bool from_config = false;
	};
	Variable *Find(const std::string &name);
	const Variable *Find(const std::string &name) const;
	//! Loop variables (innermost first), then variables, then the brace keywords.
	const std::string *Lookup(const std::string &name, const LoopBindings &loops) const;
	std::string DefinedNames(const LoopBindings &loops) const;

	std::string test_dir;
	std::string base_test_name;
	std::vector<Variable> variables;
};

} // namespace ducklake::sqllogic
