#include "gzip_unpack.hpp"

#include "duckdb/common/file_system.hpp"

#include <vector>

namespace ducklake::sqllogic {

namespace {

constexpr uint64_t UNZIP_BUFFER_BYTES = 1ULL << 20;

} // namespace

bool GunzipFile(duckdb::FileSystem &fs, const std::string &source, const std::string &destination,
                uint64_t output_bytes_max, std::string &error) {
	try {
		auto input = fs.OpenFile(source, duckdb::FileFlags::FILE_FLAGS_READ | duckdb::FileCompressionType::GZIP);
		auto output = fs.OpenFile(destination,
		                          duckdb::FileFlags::FILE_FLAGS_WRITE | duckdb::FileFlags::FILE_FLAGS_FILE_CREATE_NEW);
		std::vector<char> buffer(UNZIP_BUFFER_BYTES);
		uint64_t written = 0;
		while (true) {
			auto read = input->Read(buffer.data(), buffer.size());
			if (read <= 0) {
				break;
			}
			written += static_cast<uint64_t>(read);
			if (written > output_bytes_max) {
				error = "unzip of '" + source + "' produces more than " + std::to_string(output_bytes_max) + " bytes";
				return false;
			}
			output->Write(buffer.data(), static_cast<duckdb::idx_t>(read));
		}
		output->Sync();
		output->Close();
	} catch (std::exception &ex) {
		duckdb::ErrorData data(ex);
		error = "cannot unzip '" + source + "' to '" + destination + "': " + data.Message();
		return false;
	}
	return true;
}

std::string DefaultUnzipDestination(const std::string &source, const std::string &directory) {
	auto slash = source.find_last_of('/');
	auto name = slash == std::string::npos ? source : source.substr(slash + 1);
	static const std::string suffix = ".gz";
	if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
		name = name.substr(0, name.size() - suffix.size());
	}
	return directory + "/" + name;
}

} // namespace ducklake::sqllogic
