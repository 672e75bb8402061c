//===----------------------------------------------------------------------===//
// Partition bounds: what a scan's filters say about the partition values of the files it needs,
// as a condition of the file listing query (metadata/file_lister.hpp).
//
// A bound is on one key kind, (column_id, transform): every row the scan returns has a key value
// satisfying it, so a file whose recorded value (ducklake_file_partition_value, read through the
// partitioning the file was written with) violates it is not listed. Files without partition
// values, or written under partitionings without that key, are always listed. The SQL is the
// same on every store: values are cast to BIGINT only for rows of integer keys (a CASE guards the
// cast), text values are only compared for equality.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

struct PartitionBound {
	//! IN: the value is one of integer_values / text_values.
	enum class Comparison { EQUAL, LESS_THAN_OR_EQUAL, GREATER_THAN_OR_EQUAL, IN };
	int64_t column_id = -1;
	std::string transform; // identity, year, month, day, hour
	Comparison comparison = Comparison::EQUAL;
	//! Integer keys (calendar parts, identity on integer columns) compare as BIGINT; others compare
	//! their text for equality only.
	bool is_integer = true;
	int64_t integer_value = 0;
	std::string text_value;
	std::vector<int64_t> integer_values;
	std::vector<std::string> text_values;

	//! A text naming the bound exactly (part of the listing cache key).
	std::string Key() const;
};

//! SQL condition on the data file alias `file_alias` (a file of table `table_id`) that is false for
//! files whose partition values rule out one of `bounds`; "" when there are none. The tables are
//! the qualified names of ducklake_file_partition_value, ducklake_data_file and
//! ducklake_partition_column. Pure.
std::string PartitionBoundsSQL(const std::vector<PartitionBound> &bounds, int64_t table_id,
                               const std::string &file_alias, const std::string &value_table,
                               const std::string &file_table, const std::string &column_table);

} // namespace ducklake
