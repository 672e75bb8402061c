#include "cli/result_renderer.hpp"

#include "duckdb/common/box_renderer.hpp"

#include <cstdio>

namespace ducklake {

namespace {

struct ModeName {
	OutputMode mode;
	const char *name;
};

const ModeName mode_names[] = {
    {OutputMode::BOX, "box"},   {OutputMode::CSV, "csv"},           {OutputMode::TSV, "tsv"},
    {OutputMode::JSON, "json"}, {OutputMode::MARKDOWN, "markdown"}, {OutputMode::LINE, "line"},
};

//! Receives rows one at a time; each text mode is one implementation.
class RowWriter {
public:
	explicit RowWriter(std::ostream &out_p) : out(out_p) {
	}
	virtual ~RowWriter() = default;
	virtual void Begin(const std::vector<std::string> &names, const std::vector<duckdb::LogicalType> &types) = 0;
	virtual void Row(const std::vector<CellText> &cells) = 0;
	virtual void End() {
	}

protected:
	std::ostream &out;
};

std::string Text(const CellText &cell, const char *null_text) {
	return cell.is_null ? std::string(null_text) : std::string(cell.text);
}

class DelimitedWriter : public RowWriter {
public:
	DelimitedWriter(std::ostream &out_p, char delimiter_p)
	    : RowWriter(out_p), delimiter(delimiter_p), specials(std::string(1, delimiter) + "\"\r\n") {
	}
	void Begin(const std::vector<std::string> &names, const std::vector<duckdb::LogicalType> &) override {
		for (size_t column_idx = 0; column_idx < names.size(); column_idx++) {
			if (column_idx) {
				out << delimiter;
			}
			out << CsvField(names[column_idx], delimiter);
		}
		out << '\n';
	}
	void Row(const std::vector<CellText> &cells) override {
		for (size_t column_idx = 0; column_idx < cells.size(); column_idx++) {
			if (column_idx) {
				out << delimiter;
			}
			auto &cell = cells[column_idx];
			if (cell.is_null) {
				continue;
			}
			if (cell.text.find_first_of(specials) == std::string_view::npos) {
				out.write(cell.text.data(), static_cast<std::streamsize>(cell.text.size()));
			} else {
				out << CsvField(std::string(cell.text), delimiter);
			}
		}
		out << '\n';
	}

private:
	char delimiter;
	//! Characters that make a field need quotes
	std::string specials;
};

class JsonWriter : public RowWriter {
public:
	using RowWriter::RowWriter;
	void Begin(const std::vector<std::string> &names, const std::vector<duckdb::LogicalType> &types_p) override {
		for (auto &name : names) {
			keys.push_back(JsonString(name) + ":");
		}
		types = types_p;
		out << '[';
	}
	void Row(const std::vector<CellText> &cells) override {
		out << (row_count++ ? ",\n" : "\n") << '{';
		for (size_t column_idx = 0; column_idx < cells.size(); column_idx++) {
			out << (column_idx ? "," : "") << keys[column_idx] << JsonValue(cells[column_idx], types[column_idx]);
		}
		out << '}';
	}
	void End() override {
		out << (row_count ? "\n]\n" : "]\n");
	}

private:
	std::vector<std::string> keys;
	std::vector<duckdb::LogicalType> types;
	uint64_t row_count = 0;
};

class MarkdownWriter : public RowWriter {
public:
	using RowWriter::RowWriter;
	void Begin(const std::vector<std::string> &names, const std::vector<duckdb::LogicalType> &) override {
		out << '|';
		for (auto &name : names) {
			out << ' ' << MarkdownCell(name) << " |";
		}
		out << "\n|";
		for (size_t column_idx = 0; column_idx < names.size(); column_idx++) {
			out << "---|";
		}
		out << '\n';
	}
	void Row(const std::vector<CellText> &cells) override {
		out << '|';
		for (auto &cell : cells) {
			out << ' ' << MarkdownCell(Text(cell, "NULL")) << " |";
		}
		out << '\n';
	}
};

class LineWriter : public RowWriter {
public:
	using RowWriter::RowWriter;
	void Begin(const std::vector<std::string> &names_p, const std::vector<duckdb::LogicalType> &) override {
		names = names_p;
		for (auto &name : names) {
			name_width = std::max(name_width, name.size());
		}
	}
	void Row(const std::vector<CellText> &cells) override {
		if (row_count++) {
			out << '\n';
		}
		for (size_t column_idx = 0; column_idx < cells.size(); column_idx++) {
			auto &name = names[column_idx];
			out << std::string(name_width - name.size(), ' ') << name << " = " << Text(cells[column_idx], "NULL")
			    << '\n';
		}
	}

private:
	std::vector<std::string> names;
	size_t name_width = 0;
	uint64_t row_count = 0;
};

std::unique_ptr<RowWriter> MakeRowWriter(OutputMode mode, std::ostream &out) {
	switch (mode) {
	case OutputMode::CSV:
		return std::unique_ptr<RowWriter>(new DelimitedWriter(out, ','));
	case OutputMode::TSV:
		return std::unique_ptr<RowWriter>(new DelimitedWriter(out, '\t'));
	case OutputMode::JSON:
		return std::unique_ptr<RowWriter>(new JsonWriter(out));
	case OutputMode::MARKDOWN:
		return std::unique_ptr<RowWriter>(new MarkdownWriter(out));
	case OutputMode::LINE:
		return std::unique_ptr<RowWriter>(new LineWriter(out));
	case OutputMode::BOX:
		break;
	}
	return nullptr;
}

bool RenderRows(duckdb::QueryResult &result, RowWriter &writer) {
	writer.Begin(result.names, result.types);
	auto column_count = result.ColumnCount();
	std::vector<CellText> row(column_count);
	// One VARCHAR vector per column: DuckDB casts a whole chunk at once (the same cast as Value::ToString).
	std::vector<duckdb::unique_ptr<duckdb::Vector>> texts;
	std::vector<duckdb::UnifiedVectorFormat> formats(column_count);
	while (true) {
		duckdb::unique_ptr<duckdb::DataChunk> chunk;
		try {
			chunk = result.Fetch();
		} catch (std::exception &ex) {
			result.SetError(duckdb::ErrorData(ex));
		}
		if (!chunk) {
			break;
		}
		auto row_count = chunk->size();
		try {
			texts.clear();
			for (duckdb::idx_t column_idx = 0; column_idx < column_count; column_idx++) {
				texts.push_back(duckdb::make_uniq<duckdb::Vector>(duckdb::LogicalType::VARCHAR, row_count));
				duckdb::VectorOperations::DefaultCast(chunk->data[column_idx], *texts.back(), row_count);
				texts.back()->ToUnifiedFormat(row_count, formats[column_idx]);
			}
		} catch (std::exception &ex) {
			result.SetError(duckdb::ErrorData(ex));
			break;
		}
		for (duckdb::idx_t row_idx = 0; row_idx < row_count; row_idx++) {
			for (duckdb::idx_t column_idx = 0; column_idx < column_count; column_idx++) {
				auto &format = formats[column_idx];
				auto source_idx = format.sel->get_index(row_idx);
				auto &cell = row[column_idx];
				cell.is_null = !format.validity.RowIsValid(source_idx);
				if (!cell.is_null) {
					auto &text = duckdb::UnifiedVectorFormat::GetData<duckdb::string_t>(format)[source_idx];
					cell.text = std::string_view(text.GetData(), text.GetSize());
				}
			}
			writer.Row(row);
		}
	}
	if (result.HasError()) {
		return false;
	}
	writer.End();
	return true;
}

} // namespace

bool ParseOutputMode(const std::string &name, OutputMode &mode) {
	for (auto &entry : mode_names) {
		if (name == entry.name) {
			mode = entry.mode;
			return true;
		}
	}
	return false;
}

const char *OutputModeName(OutputMode mode) {
	for (auto &entry : mode_names) {
		if (entry.mode == mode) {
			return entry.name;
		}
	}
	return "box";
}

std::string OutputModeNames() {
	std::string names;
	for (auto &entry : mode_names) {
		names += (names.empty() ? "" : ", ") + std::string(entry.name);
	}
	return names;
}

bool OutputModeNeedsMaterializedResult(OutputMode mode) {
	return mode == OutputMode::BOX;
}

bool RenderResult(duckdb::QueryResult &result, duckdb::ClientContext &context, OutputMode mode,
                  const BoxLimits &box_limits, std::ostream &out) {
	if (mode != OutputMode::BOX) {
		auto writer = MakeRowWriter(mode, out);
		return RenderRows(result, *writer);
	}
	duckdb::BoxRendererConfig config;
	config.max_rows = box_limits.max_rows;
	config.max_width = box_limits.max_width;
	try {
		out << result.ToBox(context, config);
	} catch (std::exception &ex) {
		result.SetError(duckdb::ErrorData(ex));
		return false;
	}
	return !result.HasError();
}

std::string CsvField(const std::string &text, char delimiter) {
	if (text.find_first_of(std::string(1, delimiter) + "\"\r\n") == std::string::npos) {
		return text;
	}
	std::string quoted = "\"";
	for (char c : text) {
		quoted += c;
		if (c == '"') {
			quoted += '"';
		}
	}
	return quoted + "\"";
}

std::string JsonString(const std::string &text) {
	std::string escaped = "\"";
	for (unsigned char c : text) {
		switch (c) {
		case '"':
			escaped += "\\\"";
			break;
		case '\\':
			escaped += "\\\\";
			break;
		case '\n':
			escaped += "\\n";
			break;
		case '\r':
			escaped += "\\r";
			break;
		case '\t':
			escaped += "\\t";
			break;
		default:
			if (c < 0x20) {
				char code[8];
				snprintf(code, sizeof(code), "\\u%04x", c);
				escaped += code;
			} else {
				escaped += static_cast<char>(c);
			}
		}
	}
	return escaped + "\"";
}

std::string MarkdownCell(const std::string &text) {
	std::string escaped;
	for (char c : text) {
		if (c == '|') {
			escaped += "\\|";
		} else if (c == '\n' || c == '\r') {
			escaped += ' ';
		} else {
			escaped += c;
		}
	}
	return escaped;
}

std::string JsonValue(const CellText &cell, const duckdb::LogicalType &type) {
	if (cell.is_null) {
		return "null";
	}
	std::string text(cell.text);
	if (type.id() == duckdb::LogicalTypeId::BOOLEAN) {
		// DuckDB casts booleans to "true" and "false", which are JSON already.
		return text;
	}
	if (type.IsNumeric()) {
		// JSON has no NaN or infinity: those stay strings so every output parses.
		bool finite_number = text.find_first_of("ni") == std::string::npos;
		return finite_number ? text : JsonString(text);
	}
	return JsonString(text);
}

} // namespace ducklake
