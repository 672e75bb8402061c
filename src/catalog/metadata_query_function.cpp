#include "catalog/metadata_query_function.hpp"

#include "catalog/materialized_rows.hpp"

#include "catalog/ducklake_catalog.hpp"

#include "duckdb/function/table_function.hpp"
#include "duckdb/main/attached_database.hpp"
#include "duckdb/main/client_context.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB table function

namespace {

bool IsUnknown(const LogicalType &type) {
	return type.id() == LogicalTypeId::INVALID || type.id() == LogicalTypeId::SQLNULL ||
	       type.id() == LogicalTypeId::UNKNOWN;
}

unique_ptr<FunctionData> MetadataQueryBind(ClientContext &context, TableFunctionBindInput &input,
                                           vector<LogicalType> &return_types, vector<string> &names) {
	for (auto &argument : input.inputs) {
		if (argument.IsNull()) {
			throw InvalidInputException("ducklake_metadata_query(catalog, query): neither argument may be NULL");
		}
	}
	auto catalog_name = input.inputs[0].ToString();
	auto query = input.inputs[1].ToString();
	auto entry = Catalog::GetCatalogEntry(context, catalog_name);
	if (!entry) {
		throw BinderException("ducklake_metadata_query: no attached database named \"%s\"", catalog_name);
	}
	if (entry->GetCatalogType() != "ducklake") {
		throw BinderException("ducklake_metadata_query: \"%s\" is not a DuckLake catalog (it is of type %s)",
		                      catalog_name, entry->GetCatalogType());
	}
	auto &catalog = entry->Cast<DucklakeCatalog>();
	auto connection = catalog.Connect(catalog.GetAttached().GetDatabase());
	auto rows = connection->QueryReadOnly(query);
	if (rows.names.empty()) {
		throw InvalidInputException("ducklake_metadata_query('%s', ...): the query returns no columns\nQuery: %s",
		                            catalog_name, query);
	}
	auto types = ResolveMetadataColumnTypes(rows);
	return_types.assign(types.begin(), types.end());
	names.assign(rows.names.begin(), rows.names.end());
	auto result = make_uniq<MaterializedRowsData>();
	result->rows.reserve(rows.size());
	for (auto &row : rows.rows) {
		vector<Value> converted;
		converted.reserve(row.size());
		for (idx_t column_idx = 0; column_idx < row.size(); column_idx++) {
			converted.push_back(row[column_idx].DefaultCastAs(return_types[column_idx]));
		}
		result->rows.push_back(std::move(converted));
	}
	return std::move(result);
}

} // namespace

std::vector<LogicalType> ResolveMetadataColumnTypes(const MetadataRows &rows) {
	std::vector<LogicalType> types;
	for (idx_t column_idx = 0; column_idx < rows.names.size(); column_idx++) {
		LogicalType type = column_idx < rows.types.size() ? rows.types[column_idx] : LogicalType::INVALID;
		if (IsUnknown(type)) {
			LogicalType seen = LogicalType::INVALID;
			for (auto &row : rows.rows) {
				auto &value = row[column_idx];
				if (value.IsNull() || IsUnknown(value.type())) {
					continue;
				}
				if (IsUnknown(seen)) {
					seen = value.type();
				} else if (seen != value.type()) {
					seen = LogicalType::VARCHAR;
					break;
				}
			}
			type = IsUnknown(seen) ? LogicalType::VARCHAR : seen;
		}
		types.push_back(type);
	}
	return types;
}

void RegisterMetadataQueryFunction(ExtensionLoader &loader) {
	TableFunction function("ducklake_metadata_query", {LogicalType::VARCHAR, LogicalType::VARCHAR},
	                       MaterializedRowsScan, MetadataQueryBind, MaterializedRowsInit);
	loader.RegisterFunction(function);
}

} // namespace ducklake
