//===----------------------------------------------------------------------===//
// StatementBuffer: collects input lines until they form complete SQL statements
//
// A statement ends at a ';' that DuckDB's own tokenizer (Parser::Tokenize) sees as an operator,
// so a ';' inside a string, a quoted identifier or a comment never ends one, and an unterminated
// string or block comment keeps the buffer open. The buffer is complete when its last token is
// such a ';': "SELECT 1; SELECT 2" waits for more input, "SELECT 1; -- note" does not.
//
// The tokenizer runs only when the new line holds a ';' (no line without one can complete a
// statement), so a long multi-line statement costs one tokenization per ';' line, not per line.
// Not thread-safe; one buffer per input stream.
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace ducklake {

//! Whether `sql` ends with a statement terminator, by DuckDB's tokenizer.
bool EndsWithStatementTerminator(const std::string &sql);

class StatementBuffer {
public:
	//! Appends one line of input (without its line break).
	void AddLine(const std::string &line);
	//! True when the buffer holds nothing but whitespace.
	bool IsBlank() const;
	//! True when the buffer ends with a statement terminator.
	bool IsComplete() const;
	//! Returns the buffered text and empties the buffer.
	std::string Take();
	void Clear();

private:
	std::string text;
	bool complete = false;
};

} // namespace ducklake
