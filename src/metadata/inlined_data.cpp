#include "metadata/inlined_data.hpp"

#include "metadata/ducklake_type.hpp"
#include "metadata/snapshot_reader.hpp"

#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

using duckdb::Value;

namespace {

std::string Quote(const std::string &identifier) {
	return duckdb::KeywordHelper::WriteQuoted(identifier, '"');
}

std::string Int(int64_t value) {
	return std::to_string(value);
}

std::string IdList(const std::vector<int64_t> &ids) {
	std::string result;
	for (auto id : ids) {
		result += (result.empty() ? "" : ", ") + Int(id);
	}
	return result;
}

} // namespace

std::string InlinedTableName(int64_t table_id, int64_t schema_version) {
	return "ducklake_inlined_data_" + Int(table_id) + "_" + Int(schema_version);
}

bool StoreCanInline(const MetadataConnection &connection, const std::vector<InlinedColumn> &columns) {
	for (auto &column : columns) {
		if (connection.InlinedColumnType(column.type).empty()) {
			return false;
		}
	}
	return !columns.empty();
}

std::string CreateInlinedTableSQL(const MetadataConnection &connection, const InlinedTableRecord &table,
                                  const std::vector<InlinedColumn> &columns) {
	std::string sql = "CREATE TABLE " + connection.TableName(table.table_name) +
	                  "(row_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT";
	for (auto &column : columns) {
		sql += ", " + Quote(column.name) + " " + connection.InlinedColumnType(column.type);
	}
	sql += ");\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_inlined_data_tables") + " VALUES (" + Int(table.table_id) +
	       ", " + duckdb::KeywordHelper::WriteQuoted(table.table_name, '\'') + ", " + Int(table.schema_version) +
	       ");\n";
	return sql;
}

std::string InsertInlinedRowsSQL(const MetadataConnection &connection, const std::string &table_name,
                                 const std::vector<int64_t> &row_ids, const std::vector<std::vector<Value>> &rows,
                                 int64_t snapshot_id) {
	if (rows.empty()) {
		return std::string();
	}
	std::string sql = "INSERT INTO " + connection.TableName(table_name) + " VALUES ";
	for (size_t row_idx = 0; row_idx < rows.size(); row_idx++) {
		sql += std::string(row_idx > 0 ? ", " : "") + "(" + Int(row_ids[row_idx]) + ", " + Int(snapshot_id) + ", NULL";
		for (auto &value : rows[row_idx]) {
			sql += ", " + (value.IsNull() ? std::string("NULL") : connection.InlinedValueLiteral(value));
		}
		sql += ")";
	}
	return sql + ";\n";
}

std::string EndInlinedRowsSQL(const MetadataConnection &connection, const std::string &table_name,
                              const std::vector<int64_t> &row_ids, int64_t snapshot_id) {
	if (row_ids.empty()) {
		return std::string();
	}
	return "UPDATE " + connection.TableName(table_name) + " SET end_snapshot = " + Int(snapshot_id) +
	       " WHERE end_snapshot IS NULL AND row_id IN (" + IdList(row_ids) + ");\n";
}

duckdb::Value InlinedRowValue(const std::vector<duckdb::Value> &row, const std::vector<InlinedColumn> &stored_columns,
                              int64_t column_id, const duckdb::LogicalType &type,
                              const duckdb::Value &initial_default) {
	for (size_t stored_idx = 0; stored_idx < stored_columns.size(); stored_idx++) {
		if (stored_columns[stored_idx].column_id == column_id) {
			return row[stored_idx + 3].DefaultCastAs(type);
		}
	}
	if (initial_default.IsNull()) {
		return duckdb::Value(type);
	}
	return duckdb::Value(initial_default.ToString()).DefaultCastAs(type);
}

InlinedDataReader::InlinedDataReader(MetadataConnection &connection_p) : connection(connection_p) {
}

std::vector<InlinedTableRecord> InlinedDataReader::ListTables(int64_t table_id) {
	auto rows = connection.Query("SELECT table_id, table_name, schema_version FROM " +
	                             connection.TableName("ducklake_inlined_data_tables") +
	                             " WHERE table_id = " + Int(table_id) + " ORDER BY schema_version");
	std::vector<InlinedTableRecord> result;
	for (auto &row : rows.rows) {
		InlinedTableRecord record;
		record.table_id = row[0].GetValue<int64_t>();
		record.table_name = row[1].ToString();
		record.schema_version = row[2].GetValue<int64_t>();
		result.push_back(std::move(record));
	}
	return result;
}

std::set<int64_t> InlinedDataReader::TablesWithInlinedData() {
	auto rows =
	    connection.Query("SELECT DISTINCT table_id FROM " + connection.TableName("ducklake_inlined_data_tables"));
	std::set<int64_t> result;
	for (auto &row : rows.rows) {
		result.insert(row[0].GetValue<int64_t>());
	}
	return result;
}

std::vector<InlinedColumn> InlinedDataReader::ListColumns(const InlinedTableRecord &table) {
	// The columns of the table at the first snapshot of the inlined table's schema version.
	auto first = "(SELECT min(snapshot_id) FROM " + connection.TableName("ducklake_snapshot") +
	             " WHERE schema_version >= " + Int(table.schema_version) + ")";
	auto rows = connection.Query("SELECT column_id, column_name, column_type, column_order, parent_column FROM " +
	                             connection.TableName("ducklake_column") + " WHERE table_id = " + Int(table.table_id) +
	                             " AND begin_snapshot <= " + first + " AND (end_snapshot IS NULL OR end_snapshot > " +
	                             first + ") ORDER BY column_order");
	std::vector<InlinedColumn> result;
	for (auto &row : rows.rows) {
		if (!row[4].IsNull()) {
			continue; // nested children travel inside their parent's value
		}
		InlinedColumn column;
		column.column_id = row[0].GetValue<int64_t>();
		column.name = row[1].ToString();
		result.push_back(std::move(column));
	}
	return result;
}

MetadataRows InlinedDataReader::ReadVisibleRows(const std::string &table_name, int64_t snapshot_id) {
	// Read by position: the column names are those of the schema version the table was created
	// at, which later renames do not change.
	return connection.Query("SELECT * FROM " + connection.TableName(table_name) + " WHERE " + VisibleAt(snapshot_id) +
	                        " ORDER BY row_id");
}

MetadataRows InlinedDataReader::ReadAllRows(const std::string &table_name) {
	return connection.Query("SELECT * FROM " + connection.TableName(table_name) + " ORDER BY row_id");
}

int64_t InlinedDataReader::LastColumnChangeSnapshot(int64_t table_id) {
	auto table = connection.TableName("ducklake_column");
	auto id = Int(table_id);
	auto rows = connection.Query("SELECT max(s) FROM (SELECT begin_snapshot AS s FROM " + table +
	                             " WHERE table_id = " + id + " UNION ALL SELECT end_snapshot AS s FROM " + table +
	                             " WHERE table_id = " + id + " AND end_snapshot IS NOT NULL) AS changes");
	if (rows.size() == 0 || rows.Get(0, 0).IsNull()) {
		return 0;
	}
	return rows.Get(0, 0).GetValue<int64_t>();
}

int64_t InlinedDataReader::SchemaVersionOf(int64_t snapshot_id) {
	auto rows = connection.Query("SELECT schema_version FROM " + connection.TableName("ducklake_snapshot") +
	                             " WHERE snapshot_id = " + Int(snapshot_id));
	if (rows.size() == 0) {
		return 0;
	}
	return rows.Get(0, 0).GetValue<int64_t>();
}

} // namespace ducklake

namespace ducklake {

std::string MetadataConnection::InlinedColumnType(const duckdb::LogicalType &type) const {
	return type.ToString();
}

std::string MetadataConnection::InlinedValueLiteral(const duckdb::Value &value) const {
	return value.ToSQLString();
}

} // namespace ducklake
