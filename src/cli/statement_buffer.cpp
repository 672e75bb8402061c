#include "cli/statement_buffer.hpp"

#include "duckdb/parser/parser.hpp"

namespace ducklake {

bool EndsWithStatementTerminator(const std::string &sql) {
	auto tokens = duckdb::Parser::Tokenize(sql);
	if (tokens.empty()) {
		return false;
	}
	auto &last = tokens.back();
	return last.type == duckdb::SimplifiedTokenType::SIMPLIFIED_TOKEN_OPERATOR && last.start < sql.size() &&
	       sql[last.start] == ';';
}

void StatementBuffer::AddLine(const std::string &line) {
	if (!text.empty()) {
		text += '\n';
	}
	text += line;
	if (line.find(';') != std::string::npos) {
		complete = EndsWithStatementTerminator(text);
	} else if (complete) {
		// A line without ';' after a complete statement: only a comment or whitespace keeps it complete.
		complete = EndsWithStatementTerminator(text);
	}
}

bool StatementBuffer::IsBlank() const {
	return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

bool StatementBuffer::IsComplete() const {
	return complete;
}

std::string StatementBuffer::Take() {
	std::string taken;
	taken.swap(text);
	complete = false;
	return taken;
}

void StatementBuffer::Clear() {
	text.clear();
	complete = false;
}

} // namespace ducklake
