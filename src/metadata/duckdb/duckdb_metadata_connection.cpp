#include "metadata/duckdb/duckdb_metadata_connection.hpp"

#include "metadata/metadata_error.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/catalog/catalog_entry/schema_catalog_entry.hpp"
#include "duckdb/catalog/catalog_entry/table_catalog_entry.hpp"
#include "duckdb/main/appender.hpp"
#include "duckdb/planner/bound_constraint.hpp"
#include "duckdb/planner/filter/constant_filter.hpp"
#include "duckdb/planner/table_filter.hpp"
#include "duckdb/storage/data_table.hpp"
#include "duckdb/storage/statistics/numeric_stats.hpp"
#include "duckdb/storage/table/delete_state.hpp"
#include "duckdb/storage/table/update_state.hpp"
#include "duckdb/storage/table/scan_state.hpp"
#include "duckdb/transaction/duck_transaction.hpp"
#include "duckdb/transaction/meta_transaction.hpp"
#include "duckdb/common/error_data.hpp"
#include "duckdb/common/exception.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/materialized_query_result.hpp"
#include "duckdb/main/valid_checker.hpp"
#include "duckdb/common/exception/transaction_exception.hpp"
#include "duckdb/main/attached_database.hpp"
#include "duckdb/main/database_manager.hpp"
#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

DuckdbMetadataConnection::DuckdbMetadataConnection(duckdb::DatabaseInstance &db, std::string metadata_database_p,
                                                   std::string metadata_schema_p, std::string metadata_path_p,
                                                   std::shared_ptr<DuckdbCommitQueue> commit_queue_p)
    : connection(db), commit_queue(std::move(commit_queue_p)), metadata_database(std::move(metadata_database_p)),
      metadata_schema(std::move(metadata_schema_p)), metadata_path(std::move(metadata_path_p)) {
}

DuckdbMetadataConnection::~DuckdbMetadataConnection() {
	if (commit_guard.owns_lock()) {
		Rollback();
	}
}

static std::string QuoteLiteral(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

std::string DuckdbMetadataConnection::AttachMetadataDatabase(duckdb::DatabaseInstance &db,
                                                             const std::string &metadata_database,
                                                             const std::string &metadata_path, bool read_only) {
	duckdb::Connection con(db);
	auto existing = con.Query(
	    "SELECT database_name FROM duckdb_databases() WHERE database_name = " + QuoteLiteral(metadata_database) +
	    " OR (path = " + QuoteLiteral(metadata_path) + " AND type = 'duckdb')" +
	    " ORDER BY database_name = " + QuoteLiteral(metadata_database) + " DESC");
	if (!existing->HasError() && existing->RowCount() > 0) {
		return existing->GetValue(0, 0).ToString();
	}
	std::string sql = "ATTACH " + QuoteLiteral(metadata_path) + " AS " +
	                  duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + " (TYPE duckdb" +
	                  (read_only ? ", READ_ONLY" : "") + ")";
	auto result = con.Query(sql);
	if (result->HasError()) {
		throw duckdb::IOException("Cannot open the DuckLake metadata file '%s': %s", metadata_path,
		                          result->GetErrorObject().RawMessage());
	}
	return metadata_database;
}

void DuckdbMetadataConnection::DetachMetadataDatabase(duckdb::DatabaseInstance &db,
                                                      const std::string &metadata_database) {
	duckdb::Connection con(db);
	con.Query("DETACH DATABASE IF EXISTS " + duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database));
}

MetadataRows DuckdbMetadataConnection::Query(const std::string &sql) {
	auto result = connection.Query(sql);
	return ToRows(*result, sql);
}

//! DuckDB's own optimistic concurrency: another connection of this process wrote the same
//! snapshot id first (constraint) or touched the same rows (transaction conflict).
static MetadataException StatementError(const duckdb::ErrorData &error, const std::string &store,
                                        const std::string &statement) {
	auto kind = error.Type() == duckdb::ExceptionType::CONSTRAINT || error.Type() == duckdb::ExceptionType::TRANSACTION
	                ? MetadataErrorKind::RETRYABLE_CONFLICT
	                : MetadataErrorKind::PERMANENT;
	return MetadataException(kind, duckdb::Exception::ExceptionTypeToString(error.Type()),
	                         "DuckLake metadata query failed on " + store + ": " + error.RawMessage() +
	                             "\nStatement: " + statement);
}

MetadataRows DuckdbMetadataConnection::ToRows(duckdb::QueryResult &result, const std::string &sql) {
	if (result.HasError()) {
		throw StatementError(result.GetErrorObject(), Describe(), sql);
	}
	if (result.type != duckdb::QueryResultType::MATERIALIZED_RESULT) {
		throw duckdb::InternalException("DuckLake metadata query returned a streaming result");
	}
	auto &materialized = result.Cast<duckdb::MaterializedQueryResult>();
	MetadataRows rows;
	rows.names = result.names;
	rows.types = result.types;
	auto &collection = materialized.Collection();
	rows.rows.reserve(collection.Count());
	for (auto &chunk : collection.Chunks()) {
		for (duckdb::idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			std::vector<duckdb::Value> row;
			row.reserve(chunk.ColumnCount());
			for (duckdb::idx_t column_idx = 0; column_idx < chunk.ColumnCount(); column_idx++) {
				row.push_back(chunk.GetValue(column_idx, row_idx));
			}
			rows.rows.push_back(std::move(row));
		}
	}
	return rows;
}

MetadataRows DuckdbMetadataConnection::QueryReadOnly(const std::string &sql) {
	Query("USE " + duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + "." +
	      duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_schema));
	auto prepared = connection.Prepare(sql);
	if (prepared->HasError()) {
		throw duckdb::InvalidInputException("Metadata query on %s failed: %s\nQuery: %s", Describe(),
		                                    prepared->GetError(), sql);
	}
	if (prepared->GetStatementType() != duckdb::StatementType::SELECT_STATEMENT ||
	    !prepared->GetStatementProperties().IsReadOnly()) {
		throw duckdb::InvalidInputException("Metadata query on %s refused: only one read-only SELECT is allowed, "
		                                    "got a %s statement\nQuery: %s",
		                                    Describe(), duckdb::StatementTypeToString(prepared->GetStatementType()),
		                                    sql);
	}
	duckdb::vector<duckdb::Value> no_parameters;
	auto result = prepared->Execute(no_parameters, false);
	return ToRows(*result, sql);
}

// Begin, Commit and Rollback do what the statements BEGIN, COMMIT and ROLLBACK do, without
// parsing, planning and scheduling a statement each: this connection's context runs no query of
// another thread (one thread uses a metadata connection), so no statement is needed to hold it.
void DuckdbMetadataConnection::Begin() {
	if (commit_queue) {
		commit_guard = std::unique_lock<std::mutex>(commit_queue->lock);
	}
	writing_snapshot = false;
	auto &transaction = connection.context->transaction;
	try {
		if (transaction.HasActiveTransaction() || !transaction.IsAutoCommit()) {
			throw duckdb::TransactionException("cannot start a transaction within a transaction");
		}
		transaction.BeginTransaction();
		transaction.SetAutoCommit(false);
	} catch (std::exception &ex) {
		ReleaseQueue(nullptr);
		throw StatementError(duckdb::ErrorData(ex), Describe(), "BEGIN TRANSACTION");
	}
}

void DuckdbMetadataConnection::Commit() {
	auto &transaction = connection.context->transaction;
	try {
		if (transaction.IsAutoCommit() || !transaction.HasActiveTransaction()) {
			throw duckdb::TransactionException("cannot commit - no transaction is active");
		}
		if (duckdb::ValidChecker::IsInvalidated(transaction.ActiveTransaction())) {
			// A statement of the transaction failed: COMMIT would roll it back instead.
			auto message = duckdb::ValidChecker::Get(transaction.ActiveTransaction()).InvalidatedMessage();
			duckdb::ErrorData error(duckdb::ExceptionType::TRANSACTION, message);
			transaction.Rollback(error);
			throw duckdb::TransactionException("Failed to commit: %s", message);
		}
		transaction.Commit();
	} catch (std::exception &ex) {
		ReleaseQueue(nullptr);
		throw StatementError(duckdb::ErrorData(ex), Describe(), "COMMIT");
	}
	ReleaseQueue(writing_snapshot ? &written_snapshot : nullptr);
}

void DuckdbMetadataConnection::Rollback() {
	auto &transaction = connection.context->transaction;
	try {
		if (transaction.HasActiveTransaction()) {
			transaction.Rollback(nullptr);
		}
	} catch (std::exception &) {
		// a rollback that fails leaves nothing of the transaction visible: not worth reporting
	}
	ReleaseQueue(nullptr);
}

void DuckdbMetadataConnection::ReleaseQueue(const SnapshotRecord *committed) {
	writing_snapshot = false;
	if (!commit_guard.owns_lock()) {
		return;
	}
	commit_queue->latest_known = committed != nullptr;
	if (committed) {
		commit_queue->latest = *committed;
	}
	commit_guard.unlock();
}

void DuckdbMetadataConnection::AppendRows(const std::string &table,
                                          const std::vector<std::vector<duckdb::Value>> &rows) {
	if (rows.empty()) {
		return;
	}
	auto &context = *connection.context;
	if (!context.transaction.HasActiveTransaction() || context.transaction.IsAutoCommit()) {
		throw duckdb::InternalException("DuckLake: rows appended to %s outside of a metadata transaction", table);
	}
	try {
		context.RunFunctionInTransaction([&]() {
			auto &entry = duckdb::Catalog::GetEntry<duckdb::TableCatalogEntry>(context, metadata_database,
			                                                                   metadata_schema, table);
			// What an INSERT's binder does: the transaction writes this database from now on.
			duckdb::MetaTransaction::Get(context).ModifyDatabase(entry.ParentCatalog().GetAttached());
			duckdb::InternalAppender appender(context, entry);
			for (auto &row : rows) {
				appender.BeginRow();
				for (auto &value : row) {
					appender.Append(value);
				}
				appender.EndRow();
			}
			appender.Close();
		});
	} catch (std::exception &ex) {
		throw StatementError(duckdb::ErrorData(ex), Describe(),
		                     "append of " + std::to_string(rows.size()) + " row(s) to " + TableName(table));
	}
}

namespace {

//! A stored row of a catalog table: its row id and its values in column order.
struct StoredRow {
	duckdb::row_t row_id;
	std::vector<duckdb::Value> values;
	bool matched = false;
};

//! The rows of `entry` whose BIGINT column at `key_index` equals `key_value`, as the transaction
//! sees them; row groups the key's statistics rule out are skipped.
std::vector<StoredRow> ScanRowsWithKey(duckdb::ClientContext &context, duckdb::TableCatalogEntry &entry,
                                       duckdb::DuckTransaction &transaction, duckdb::idx_t key_index,
                                       int64_t key_value) {
	auto &storage = entry.GetStorage();
	duckdb::vector<duckdb::StorageIndex> column_ids;
	duckdb::vector<duckdb::LogicalType> types;
	for (auto &column : entry.GetColumns().Physical()) {
		column_ids.emplace_back(column.StorageOid());
		types.push_back(column.Type());
	}
	column_ids.emplace_back(duckdb::COLUMN_IDENTIFIER_ROW_ID);
	types.push_back(duckdb::LogicalType::ROW_TYPE);
	duckdb::TableFilterSet filters;
	filters.PushFilter(duckdb::ColumnIndex(key_index),
	                   duckdb::make_uniq<duckdb::ConstantFilter>(duckdb::ExpressionType::COMPARE_EQUAL,
	                                                             duckdb::Value::BIGINT(key_value)));
	duckdb::TableScanState state;
	storage.InitializeScan(context, transaction, state, column_ids, &filters);
	duckdb::DataChunk chunk;
	chunk.Initialize(duckdb::Allocator::Get(context), types);
	auto key = duckdb::Value::BIGINT(key_value);
	auto row_id_index = types.size() - 1;
	std::vector<StoredRow> result;
	// Bounded by the table's rows: each round returns further rows or ends the scan.
	while (true) {
		chunk.Reset();
		storage.Scan(transaction, chunk, state);
		if (chunk.size() == 0) {
			break;
		}
		for (duckdb::idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			if (!duckdb::Value::NotDistinctFrom(chunk.GetValue(key_index, row_idx), key)) {
				continue; // the scan may return rows its filter did not rule out
			}
			StoredRow row;
			row.row_id = chunk.GetValue(row_id_index, row_idx).GetValue<int64_t>();
			for (duckdb::idx_t column_idx = 0; column_idx < row_id_index; column_idx++) {
				row.values.push_back(chunk.GetValue(column_idx, row_idx));
			}
			result.push_back(std::move(row));
		}
	}
	return result;
}

} // namespace

void DuckdbMetadataConnection::ReplaceRows(const std::string &table, const std::string &key_column, int64_t key_value,
                                           size_t identity_columns,
                                           const std::vector<std::vector<duckdb::Value>> &rows) {
	auto &context = *connection.context;
	if (!context.transaction.HasActiveTransaction() || context.transaction.IsAutoCommit()) {
		throw duckdb::InternalException("DuckLake: rows replaced in %s outside of a metadata transaction", table);
	}
	bool through_sql = false;
	std::vector<std::vector<duckdb::Value>> appended;
	try {
		context.RunFunctionInTransaction([&]() {
			auto &entry = duckdb::Catalog::GetEntry<duckdb::TableCatalogEntry>(context, metadata_database,
			                                                                   metadata_schema, table);
			auto &columns = entry.GetColumns();
			auto &key = entry.GetColumn(key_column);
			// Statements maintain indexes and check constraints; the tables this project creates
			// have neither where rows are replaced.
			if (!entry.IsDuckTable() || key.Type().id() != duckdb::LogicalTypeId::BIGINT ||
			    !entry.GetConstraints().empty() || entry.GetStorage().HasIndexes() ||
			    columns.PhysicalColumnCount() != columns.LogicalColumnCount()) {
				through_sql = true;
				return;
			}
			auto column_count = columns.PhysicalColumnCount();
			for (auto &row : rows) {
				if (row.size() != column_count || identity_columns > column_count) {
					throw duckdb::InternalException("DuckLake: a row of %d values replaces a row of %s (%d columns)",
					                                row.size(), table, column_count);
				}
			}
			duckdb::MetaTransaction::Get(context).ModifyDatabase(entry.ParentCatalog().GetAttached());
			auto &storage = entry.GetStorage();
			auto &transaction = duckdb::DuckTransaction::Get(context, entry.ParentCatalog());
			auto stored = ScanRowsWithKey(context, entry, transaction, key.Physical().index, key_value);
			duckdb::vector<duckdb::unique_ptr<duckdb::BoundConstraint>> no_constraints;
			duckdb::unique_ptr<duckdb::TableUpdateState> update_state;
			size_t next_candidate = 0;
			for (auto &row : rows) {
				std::vector<duckdb::Value> values;
				for (duckdb::idx_t column_idx = 0; column_idx < column_count; column_idx++) {
					values.push_back(
					    row[column_idx].DefaultCastAs(columns.GetColumn(duckdb::LogicalIndex(column_idx)).Type()));
				}
				// Stored rows usually come in the order of the new rows: look after the last match
				// first, so that a wide table's column rows are matched in one pass.
				StoredRow *match = nullptr;
				for (size_t offset = 0; offset < stored.size(); offset++) {
					auto &candidate = stored[(next_candidate + offset) % stored.size()];
					bool same = !candidate.matched;
					for (size_t column_idx = 0; same && column_idx < identity_columns; column_idx++) {
						same = duckdb::Value::NotDistinctFrom(candidate.values[column_idx], values[column_idx]);
					}
					if (same) {
						match = &candidate;
						next_candidate = (next_candidate + offset + 1) % stored.size();
						break;
					}
				}
				if (!match) {
					appended.push_back(std::move(values));
					continue;
				}
				match->matched = true;
				duckdb::vector<duckdb::PhysicalIndex> changed;
				duckdb::vector<duckdb::LogicalType> changed_types;
				for (duckdb::idx_t column_idx = 0; column_idx < column_count; column_idx++) {
					if (!duckdb::Value::NotDistinctFrom(match->values[column_idx], values[column_idx])) {
						changed.emplace_back(column_idx);
						changed_types.push_back(values[column_idx].type());
					}
				}
				if (changed.empty()) {
					continue;
				}
				if (!update_state) {
					update_state = storage.InitializeUpdate(entry, context, no_constraints);
				}
				duckdb::DataChunk update;
				update.Initialize(duckdb::Allocator::Get(context), changed_types, 1);
				for (duckdb::idx_t changed_idx = 0; changed_idx < changed.size(); changed_idx++) {
					update.SetValue(changed_idx, 0, values[changed[changed_idx].index]);
				}
				update.SetCardinality(1);
				duckdb::Vector row_id(duckdb::Value::BIGINT(match->row_id));
				storage.Update(*update_state, context, row_id, changed, update);
			}
			duckdb::vector<duckdb::row_t> deleted;
			for (auto &candidate : stored) {
				if (!candidate.matched) {
					deleted.push_back(candidate.row_id);
				}
			}
			if (!deleted.empty()) {
				auto delete_state = storage.InitializeDelete(entry, context, no_constraints);
				for (size_t offset = 0; offset < deleted.size(); offset += STANDARD_VECTOR_SIZE) {
					auto count = std::min<size_t>(STANDARD_VECTOR_SIZE, deleted.size() - offset);
					duckdb::Vector batch(duckdb::LogicalType::ROW_TYPE);
					auto batch_data = duckdb::FlatVector::GetData<duckdb::row_t>(batch);
					std::copy(deleted.begin() + offset, deleted.begin() + offset + count, batch_data);
					storage.Delete(*delete_state, context, batch, count);
				}
			}
		});
	} catch (std::exception &ex) {
		throw StatementError(duckdb::ErrorData(ex), Describe(),
		                     "replacing the rows of " + TableName(table) + " where " + key_column + " = " +
		                         std::to_string(key_value));
	}
	if (through_sql) {
		Query("DELETE FROM " + TableName(table) + " WHERE " + duckdb::KeywordHelper::WriteOptionallyQuoted(key_column) +
		      " = " + std::to_string(key_value));
		AppendRows(table, rows);
		return;
	}
	AppendRows(table, appended);
}

duckdb::Value DuckdbMetadataConnection::TransactionTime() {
	auto &context = *connection.context;
	if (!context.transaction.HasActiveTransaction()) {
		throw duckdb::InternalException("DuckLake: the metadata transaction time asked outside of a transaction");
	}
	// What NOW() returns in the transaction.
	return duckdb::Value::TIMESTAMPTZ(duckdb::timestamp_tz_t(duckdb::MetaTransaction::Get(context).start_timestamp));
}

bool DuckdbMetadataConnection::SnapshotIdUpperBound(int64_t &snapshot_id) {
	auto &context = *connection.context;
	bool known = false;
	try {
		context.RunFunctionInTransaction([&]() {
			auto &entry = duckdb::Catalog::GetEntry<duckdb::TableCatalogEntry>(context, metadata_database,
			                                                                   metadata_schema, "ducklake_snapshot");
			auto &column = entry.GetColumn("snapshot_id");
			if (column.Type().id() != duckdb::LogicalTypeId::BIGINT) {
				return;
			}
			// The table's statistics: every value appended by a committed transaction is within them.
			auto stats = entry.GetStatistics(context, column.Logical().index);
			if (stats && duckdb::NumericStats::HasMax(*stats)) {
				snapshot_id = duckdb::NumericStats::GetMax<int64_t>(*stats);
				known = true;
			}
		});
	} catch (std::exception &) {
		return false; // the caller reads the newest snapshot id instead
	}
	return known;
}

bool DuckdbMetadataConnection::KnownLatestSnapshot(SnapshotRecord &snapshot) {
	if (!commit_guard.owns_lock() || !commit_queue->latest_known) {
		return false;
	}
	snapshot = commit_queue->latest;
	return true;
}

void DuckdbMetadataConnection::WritingSnapshot(const SnapshotRecord &snapshot) {
	writing_snapshot = true;
	written_snapshot = snapshot;
}

std::string DuckdbMetadataConnection::TableName(const std::string &table) const {
	return duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + "." +
	       duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_schema) + "." + table;
}

std::string DuckdbMetadataConnection::CatalogPreambleSQL() const {
	return "CREATE SCHEMA IF NOT EXISTS " + duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + "." +
	       duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_schema) + ";\n";
}

std::vector<std::string> DuckdbMetadataConnection::ListTableNames() {
	// Straight from the catalog: duckdb_tables() computes sizes and statistics of every table of
	// every attached database, which costs tens of milliseconds on a large catalog at each ATTACH.
	std::vector<std::string> names;
	auto &context = *connection.context;
	try {
		context.RunFunctionInTransaction([&]() {
			auto &catalog = duckdb::Catalog::GetCatalog(context, metadata_database);
			auto schema =
			    catalog.GetSchema(context, duckdb::EntryLookupInfo(duckdb::CatalogType::SCHEMA_ENTRY, metadata_schema),
			                      duckdb::OnEntryNotFound::RETURN_NULL);
			if (!schema) {
				return;
			}
			// Tables and views share one catalog set in a DuckDB schema: one scan lists both.
			schema->Scan(context, duckdb::CatalogType::TABLE_ENTRY,
			             [&](duckdb::CatalogEntry &entry) { names.push_back(entry.name); });
		});
	} catch (std::exception &ex) {
		duckdb::ErrorData error(ex);
		throw duckdb::IOException("Cannot list the tables of %s: %s", Describe(), error.RawMessage());
	}
	return names;
}

std::string DuckdbMetadataConnection::Describe() const {
	return "DuckDB file '" + metadata_path + "'";
}

} // namespace ducklake
