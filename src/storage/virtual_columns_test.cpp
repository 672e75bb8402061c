#include "storage/virtual_columns.hpp"

#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/main/database.hpp"
#include "duckdb/planner/expression/bound_constant_expression.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using duckdb::LogicalType;
using duckdb::Value;

TEST(VirtualColumns, MapNamesRowidSnapshotAndTheParquetColumns) {
	auto columns = DucklakeVirtualColumns();
	EXPECT_EQ(columns.at(duckdb::COLUMN_IDENTIFIER_ROW_ID).name, "rowid");
	EXPECT_EQ(columns.at(duckdb::COLUMN_IDENTIFIER_ROW_ID).type, LogicalType::BIGINT);
	EXPECT_EQ(columns.at(snapshot_id_column).name, "snapshot_id");
	EXPECT_EQ(columns.at(duckdb::MultiFileReader::COLUMN_IDENTIFIER_FILENAME).name, "filename");
	EXPECT_EQ(columns.at(duckdb::MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER).name, "file_row_number");
	// DELETE identifies rows by file and position only: computing rowid would cost every scanned row.
	auto row_id_columns = DucklakeRowIdColumns();
	ASSERT_EQ(row_id_columns.size(), 2u);
	EXPECT_EQ(row_id_columns[0], duckdb::MultiFileReader::COLUMN_IDENTIFIER_FILENAME);
	EXPECT_EQ(row_id_columns[1], duckdb::MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER);
}

TEST(VirtualColumns, FileFactsRoundTripAndDefaultToNull) {
	duckdb::OpenFileInfo file("data/main/t/ducklake-x.parquet");
	auto missing = GetVirtualColumnFacts(file);
	EXPECT_TRUE(missing.row_id_start.IsNull());
	EXPECT_TRUE(missing.snapshot_id.IsNull());
	file.extended_info = duckdb::make_shared_ptr<duckdb::ExtendedOpenFileInfo>();
	SetVirtualColumnFacts(*file.extended_info, {Value::BIGINT(1500), Value::BIGINT(8)});
	auto facts = GetVirtualColumnFacts(file);
	EXPECT_EQ(facts.row_id_start, Value::BIGINT(1500));
	EXPECT_EQ(facts.snapshot_id, Value::BIGINT(8));
	auto snapshot = ConstantVirtualColumn(file, snapshot_id_column, LogicalType::BIGINT);
	ASSERT_TRUE(snapshot);
	EXPECT_EQ(snapshot->Cast<duckdb::BoundConstantExpression>().value, Value::BIGINT(8));
	EXPECT_FALSE(ConstantVirtualColumn(file, duckdb::COLUMN_IDENTIFIER_ROW_ID, LogicalType::BIGINT));
}

TEST(VirtualColumns, RowIdReadsTheLineageColumnWhenTheFileHasIt) {
	duckdb::DuckDB db(nullptr);
	duckdb::Connection connection(db);
	auto &context = *connection.context;
	duckdb::OpenFileInfo file("f.parquet");
	file.extended_info = duckdb::make_shared_ptr<duckdb::ExtendedOpenFileInfo>();
	SetVirtualColumnFacts(*file.extended_info, {Value::BIGINT(100), Value::BIGINT(3)});
	auto lineage = LineageColumnDefinition();
	EXPECT_EQ(lineage.identifier, Value::INTEGER(internal_row_id_field_id));

	// A file without the column: row_id_start + file_row_number, read as the Parquet position column.
	duckdb::vector<duckdb::MultiFileColumnDefinition> plain_columns {
	    duckdb::MultiFileColumnDefinition("id", LogicalType::INTEGER)};
	duckdb::column_t column_id = duckdb::COLUMN_IDENTIFIER_ROW_ID;
	duckdb::optional_ptr<duckdb::MultiFileColumnDefinition> reference;
	auto expression = RowIdExpression(context, file, plain_columns, column_id, 1, lineage, reference);
	ASSERT_TRUE(expression);
	EXPECT_FALSE(reference);
	EXPECT_EQ(column_id, duckdb::MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER);
	EXPECT_EQ(expression->return_type, LogicalType::BIGINT);

	// A file written by UPDATE: the stored ids are read as they are.
	auto with_lineage = plain_columns;
	with_lineage.push_back(LineageColumnDefinition());
	column_id = duckdb::COLUMN_IDENTIFIER_ROW_ID;
	reference = nullptr;
	EXPECT_FALSE(RowIdExpression(context, file, with_lineage, column_id, 1, lineage, reference));
	EXPECT_EQ(reference.get(), &lineage);
	EXPECT_EQ(column_id, duckdb::COLUMN_IDENTIFIER_ROW_ID);
}

} // namespace ducklake
