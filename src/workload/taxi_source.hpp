//===----------------------------------------------------------------------===//
// Where real TLC files come from: `--source` names a local directory, an `s3://bucket/prefix`
// or an `http(s)://host/path` holding the TLC's own file names, `yellow_tripdata_YYYY-MM.parquet`
// (the TLC publishes them under https://d37ci6vzurychx.cloudfront.net/trip-data/). Parsing is
// pure; an empty source means "use the generator".
//===----------------------------------------------------------------------===//

#pragma once

#include "workload/month_range.hpp"

#include <string>

namespace ducklake {

enum class TaxiSourceKind { GENERATOR, LOCAL_DIRECTORY, S3, HTTP };

struct TaxiSource {
	TaxiSourceKind kind = TaxiSourceKind::GENERATOR;
	//! The directory, bucket prefix or URL prefix without a trailing slash.
	std::string base;
	//! empty when valid
	std::string error;

	//! `<base>/yellow_tripdata_2024-01.parquet`
	std::string FileFor(const YearMonth &month) const;
};

//! `yellow_tripdata_2024-01.parquet`
std::string TaxiFileName(const YearMonth &month);

TaxiSource ParseTaxiSource(const std::string &text);

} // namespace ducklake
