#include "workload/taxi_source.hpp"

namespace ducklake {

std::string TaxiFileName(const YearMonth &month) {
	return "yellow_tripdata_" + month.ToString() + ".parquet";
}

std::string TaxiSource::FileFor(const YearMonth &month) const {
	return base + "/" + TaxiFileName(month);
}

static bool StartsWith(const std::string &text, const std::string &prefix) {
	return text.compare(0, prefix.size(), prefix) == 0;
}

TaxiSource ParseTaxiSource(const std::string &text) {
	TaxiSource result;
	if (text.empty()) {
		return result;
	}
	result.base = text;
	while (result.base.size() > 1 && result.base.back() == '/') {
		result.base.pop_back();
	}
	if (StartsWith(text, "s3://")) {
		result.kind = TaxiSourceKind::S3;
		if (result.base.size() <= 5) {
			result.error = "invalid --source \"" + text + "\": s3:// needs a bucket, as in s3://bucket/prefix";
		}
	} else if (StartsWith(text, "https://") || StartsWith(text, "http://")) {
		result.kind = TaxiSourceKind::HTTP;
		auto host_start = text.find("//") + 2;
		if (result.base.size() <= host_start || result.base[host_start] == '/') {
			result.error = "invalid --source \"" + text + "\": the URL needs a host, as in https://host/trip-data";
		}
	} else if (text.find("://") != std::string::npos) {
		result.error = "invalid --source \"" + text +
		               "\": expected a directory, s3://bucket/prefix or https://host/path holding "
		               "yellow_tripdata_YYYY-MM.parquet files";
	} else {
		result.kind = TaxiSourceKind::LOCAL_DIRECTORY;
	}
	return result;
}

} // namespace ducklake
