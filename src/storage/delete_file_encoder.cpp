#include "storage/delete_file_encoder.hpp"

#include "storage/thrift_compact_writer.hpp"

#include "duckdb/common/allocator.hpp"
#include "duckdb/common/serializer/memory_stream.hpp"
#include "duckdb/common/string_util.hpp"
#include "duckdb/main/database.hpp"
#include "duckdb/storage/storage_info.hpp"

#include "parquet_statistics.hpp"
#include "resizable_buffer.hpp"
#include "snappy.h"
#include "zstd/common/xxhash.hpp"

#include <algorithm>
#include <cstring>

namespace ducklake {

namespace {

using Type = ThriftCompactWriter::Type;

//! Field ids of the delete file columns, as the official extension writes them.
constexpr int32_t file_path_field_id = 2147483646;
constexpr int32_t pos_field_id = 2147483645;

//! Rows per row group: the COPY default.
constexpr size_t row_group_rows_max = DEFAULT_ROW_GROUP_SIZE;
//! DuckDB's default dictionary size limit is a fifth of a row group's rows; below 5 rows it is 0
//! and even the one `file_path` value is written PLAIN.
constexpr size_t dictionary_row_group_rows_min = 5;
//! DuckDB truncates string statistics longer than this (bytes).
constexpr size_t string_statistics_bytes_max = 256;
//! The false positive ratio of DuckDB's default bloom filters.
constexpr double bloom_filter_false_positive_ratio = 0.01;

//! Parquet enum values (parquet.thrift).
constexpr int32_t parquet_type_int64 = 2;
constexpr int32_t parquet_type_byte_array = 6;
constexpr int32_t repetition_required = 0;
constexpr int32_t repetition_optional = 1;
constexpr int32_t converted_type_utf8 = 0;
constexpr int32_t converted_type_int_64 = 18;
constexpr int32_t encoding_plain = 0;
constexpr int32_t encoding_plain_dictionary = 2; // what a V1 writer calls its dictionary data pages
constexpr int32_t encoding_rle = 3;
constexpr int32_t codec_snappy = 1;
constexpr int32_t page_type_data = 0;
constexpr int32_t page_type_dictionary = 2;

//! Column statistics as DuckDB's writer fills them for one column chunk.
struct ChunkStatistics {
	std::string min;
	std::string max;
	bool min_is_exact = true;
	bool max_is_exact = true;
	bool has_distinct_count = false; // 1 when set: only the dictionary encoded `file_path`
};

//! What the footer says about one written column chunk.
struct ColumnChunkFooter {
	int32_t type = 0;
	std::string name;
	int32_t encoding = 0;
	int64_t num_values = 0;
	int64_t total_uncompressed_size = 0;
	int64_t total_compressed_size = 0;
	int64_t data_page_offset = 0;
	int64_t dictionary_page_offset = -1; // -1: no dictionary page
	ChunkStatistics statistics;
	int64_t bloom_filter_offset = -1; // -1: no bloom filter
	int32_t bloom_filter_length = 0;
};

struct RowGroupFooter {
	ColumnChunkFooter file_path;
	ColumnChunkFooter pos;
	int64_t num_rows = 0;
	int64_t file_offset = 0;
	int64_t total_compressed_size = 0;
};

//! A growing byte buffer in memory from DuckDB's allocator. Its allocator keeps freed memory for
//! the next file, where fresh memory from malloc costs a page fault per 4 KiB touched: with
//! std::string buffers those faults were four fifths of the encoder's time (about 400 for 100K
//! positions, 10 us each on a virtual machine).
class ByteBuffer {
public:
	explicit ByteBuffer(size_t capacity) : stream(capacity) {
	}
	void Append(const char *data, size_t size) {
		stream.WriteData(reinterpret_cast<const uint8_t *>(data), size);
	}
	void Append(const std::string &bytes) {
		Append(bytes.data(), bytes.size());
	}
	void PushBack(char byte) {
		Append(&byte, 1);
	}
	size_t Size() const {
		return stream.GetPosition();
	}
	const char *Data() const {
		return reinterpret_cast<const char *>(stream.GetData());
	}
	void Clear() {
		stream.Rewind();
	}
	duckdb::MemoryStream stream;
};

void AppendUInt32(ByteBuffer &out, uint32_t value) {
	char bytes[sizeof(uint32_t)];
	for (size_t byte_idx = 0; byte_idx < sizeof(bytes); byte_idx++) {
		bytes[byte_idx] = static_cast<char>((value >> (8 * byte_idx)) & 0xFF);
	}
	out.Append(bytes, sizeof(bytes));
}

void AppendVarint(ByteBuffer &out, uint64_t value) {
	while (value >= 0x80) {
		out.PushBack(static_cast<char>((value & 0x7F) | 0x80));
		value >>= 7;
	}
	out.PushBack(static_cast<char>(value));
}

//! One RLE run of `count` copies of a value of bit width 1 (one byte): the RLE/bit-packing hybrid
//! as DuckDB's encoder writes a run of equal values.
void AppendRleRun(ByteBuffer &out, uint64_t count, uint8_t value) {
	AppendVarint(out, count << 1);
	out.PushBack(static_cast<char>(value));
}

//! Definition levels of `row_count` non-null values of an OPTIONAL column: their byte length, then
//! one RLE run of level 1.
void AppendAllValidDefinitionLevels(ByteBuffer &out, uint64_t row_count) {
	ByteBuffer levels(16);
	AppendRleRun(levels, row_count, 1);
	AppendUInt32(out, static_cast<uint32_t>(levels.Size()));
	out.Append(levels.Data(), levels.Size());
}

//! A PLAIN BYTE_ARRAY value: its length, then its bytes.
void AppendPlainString(ByteBuffer &out, const std::string &value) {
	AppendUInt32(out, static_cast<uint32_t>(value.size()));
	out.Append(value);
}

//! Writes the pages of one file, tracking file offsets.
class DeleteFileBuilder {
public:
	DeleteFileBuilder(ByteBuffer &out_p, size_t page_bytes_max)
	    : out(out_p), compressed(duckdb::Allocator::DefaultAllocator().Allocate(
	                      duckdb_snappy::MaxCompressedLength(page_bytes_max))) {
	}

	//! Append one page (header, then its snappy compressed contents) to `chunk`.
	void AppendPage(ColumnChunkFooter &chunk, int32_t page_type, const ByteBuffer &contents, int32_t num_values,
	                int32_t encoding) {
		size_t compressed_size = 0;
		duckdb_snappy::RawCompress(contents.Data(), contents.Size(), reinterpret_cast<char *>(compressed.get()),
		                           &compressed_size);

		auto header_offset = static_cast<int64_t>(out.Size());
		header.clear();
		ThriftCompactWriter writer(header);
		writer.BeginStruct();
		writer.I32Field(1, page_type);
		writer.I32Field(2, static_cast<int32_t>(contents.Size()));
		writer.I32Field(3, static_cast<int32_t>(compressed_size));
		if (page_type == page_type_data) {
			writer.StructField(5);
			writer.I32Field(1, num_values);
			writer.I32Field(2, encoding);
			writer.I32Field(3, encoding_rle);
			writer.I32Field(4, encoding_rle);
			writer.EndStruct();
		} else {
			writer.StructField(7);
			writer.I32Field(1, num_values);
			writer.I32Field(2, encoding);
			writer.EndStruct();
		}
		writer.EndStruct();
		out.Append(header);
		out.Append(reinterpret_cast<const char *>(compressed.get()), compressed_size);

		if (page_type == page_type_data) {
			chunk.data_page_offset = header_offset;
		} else {
			chunk.dictionary_page_offset = header_offset;
		}
		// As DuckDB counts it: the uncompressed size includes the page headers.
		chunk.total_uncompressed_size += static_cast<int64_t>(header.size() + contents.Size());
		chunk.total_compressed_size += static_cast<int64_t>(header.size() + compressed_size);
	}

private:
	ByteBuffer &out;
	duckdb::AllocatedData compressed;
	std::string header;
};

//! The statistics DuckDB's string statistics keep for a column whose only value is `path`, or
//! nothing when it keeps none (a long path it cannot truncate to a larger string).
std::optional<ChunkStatistics> PathStatistics(const std::string &path) {
	ChunkStatistics statistics;
	statistics.has_distinct_count = true;
	if (path.size() <= string_statistics_bytes_max) {
		statistics.min = path;
		statistics.max = path;
		return statistics;
	}
	auto bytes = reinterpret_cast<const uint8_t *>(path.data());
	// The min is cut back to the start of a UTF-8 character at or before the size limit.
	size_t min_size = string_statistics_bytes_max;
	while (min_size > 0 && (bytes[min_size] & 0xC0) == 0x80) {
		min_size--;
	}
	statistics.min = path.substr(0, min_size);
	statistics.min_is_exact = false;
	// The max is cut after the last ASCII byte below 0x7F within the limit, which is incremented.
	size_t increment_pos = string_statistics_bytes_max;
	while (increment_pos > 0 && bytes[increment_pos - 1] >= 0x7F) {
		increment_pos--;
	}
	if (increment_pos == 0) {
		return std::nullopt;
	}
	statistics.max = path.substr(0, increment_pos);
	statistics.max.back() = static_cast<char>(statistics.max.back() + 1);
	statistics.max_is_exact = false;
	return statistics;
}

std::string Int64Bytes(int64_t value) {
	std::string bytes(sizeof(int64_t), '\0');
	memcpy(&bytes[0], &value, sizeof(int64_t));
	return bytes;
}

//! DuckDB's bloom filter of a dictionary with one value, built by DuckDB's own filter class: sized
//! for one entry at the default false positive ratio, with the value's XXH64 inserted (as the
//! writer hashes strings).
std::string PathBloomFilter(const std::string &path) {
	duckdb::ParquetBloomFilter filter(1, bloom_filter_false_positive_ratio);
	filter.FilterInsert(duckdb_zstd::XXH64(path.data(), path.size(), 0));
	auto bytes = filter.Get();
	return std::string(reinterpret_cast<const char *>(bytes->ptr), bytes->len);
}

void WriteStatistics(ThriftCompactWriter &writer, const ChunkStatistics &statistics) {
	writer.StructField(12);
	writer.BinaryField(1, statistics.max);
	writer.BinaryField(2, statistics.min);
	writer.I64Field(3, 0); // null_count
	if (statistics.has_distinct_count) {
		writer.I64Field(4, 1);
	}
	writer.BinaryField(5, statistics.max);
	writer.BinaryField(6, statistics.min);
	writer.BoolField(7, statistics.max_is_exact);
	writer.BoolField(8, statistics.min_is_exact);
	writer.EndStruct();
}

void WriteColumnChunk(ThriftCompactWriter &writer, const ColumnChunkFooter &chunk) {
	writer.BeginStruct();
	writer.I64Field(2, 0); // file_offset: required, left 0 by DuckDB
	writer.StructField(3); // meta_data
	writer.I32Field(1, chunk.type);
	writer.ListField(2, Type::I32, 1);
	writer.I32Element(chunk.encoding);
	writer.ListField(3, Type::BINARY, 1);
	writer.BinaryElement(chunk.name);
	writer.I32Field(4, codec_snappy);
	writer.I64Field(5, chunk.num_values);
	writer.I64Field(6, chunk.total_uncompressed_size);
	writer.I64Field(7, chunk.total_compressed_size);
	writer.I64Field(9, chunk.data_page_offset);
	if (chunk.dictionary_page_offset >= 0) {
		writer.I64Field(11, chunk.dictionary_page_offset);
	}
	WriteStatistics(writer, chunk.statistics);
	if (chunk.bloom_filter_offset >= 0) {
		writer.I64Field(14, chunk.bloom_filter_offset);
		writer.I32Field(15, chunk.bloom_filter_length);
	}
	writer.EndStruct();
	writer.EndStruct();
}

void WriteSchemaLeaf(ThriftCompactWriter &writer, int32_t type, const std::string &name, int32_t converted_type,
                     int32_t field_id) {
	writer.BeginStruct();
	writer.I32Field(1, type);
	writer.I32Field(3, repetition_optional);
	writer.BinaryField(4, name);
	writer.I32Field(6, converted_type);
	writer.I32Field(9, field_id);
	writer.EndStruct();
}

//! The FileMetaData struct as DuckDB's writer fills it.
std::string Footer(const std::vector<RowGroupFooter> &row_groups, int64_t row_count) {
	std::string out;
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.I32Field(1, 1); // version
	writer.ListField(2, Type::STRUCT, 3);
	writer.BeginStruct();
	writer.I32Field(3, repetition_required);
	writer.BinaryField(4, "duckdb_schema");
	writer.I32Field(5, 2);
	writer.EndStruct();
	WriteSchemaLeaf(writer, parquet_type_byte_array, "file_path", converted_type_utf8, file_path_field_id);
	WriteSchemaLeaf(writer, parquet_type_int64, "pos", converted_type_int_64, pos_field_id);
	writer.I64Field(3, row_count);
	writer.ListField(4, Type::STRUCT, static_cast<uint32_t>(row_groups.size()));
	for (auto &row_group : row_groups) {
		writer.BeginStruct();
		writer.ListField(1, Type::STRUCT, 2);
		WriteColumnChunk(writer, row_group.file_path);
		WriteColumnChunk(writer, row_group.pos);
		writer.I64Field(2, row_group.file_path.total_uncompressed_size + row_group.pos.total_uncompressed_size);
		writer.I64Field(3, row_group.num_rows);
		writer.I64Field(5, row_group.file_offset);
		writer.I64Field(6, row_group.total_compressed_size);
		writer.EndStruct();
	}
	writer.BinaryField(6, duckdb::StringUtil::Format("DuckDB version %s (build %s)", duckdb::DuckDB::LibraryVersion(),
	                                                 duckdb::DuckDB::SourceID()));
	writer.EndStruct();
	return out;
}

//! The bloom filter header DuckDB writes: size, split-block algorithm, XXH64, uncompressed.
std::string BloomFilterHeader(size_t filter_bytes) {
	std::string out;
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.I32Field(1, static_cast<int32_t>(filter_bytes));
	for (int16_t union_field_id :
	     {int16_t(2), int16_t(3), int16_t(4)}) { // algorithm BLOCK, hash XXHASH, compression UNCOMPRESSED
		writer.StructField(union_field_id);
		writer.StructField(1);
		writer.EndStruct();
		writer.EndStruct();
	}
	writer.EndStruct();
	return out;
}

} // namespace

std::optional<EncodedDeleteFile> EncodeDeleteFile(const std::string &data_file_path, PositionSpan positions) {
	if (positions.empty() || data_file_path.size() > delete_file_encoder_path_bytes_max) {
		return std::nullopt;
	}
	// Ascending and unique, so `pos` never fits the dictionary (DuckDB drops it once the distinct
	// values pass a fifth of the row group's rows) and each row group's min and max are its ends.
	if (std::adjacent_find(positions.begin(), positions.end(),
	                       [](int64_t previous, int64_t next) { return previous >= next; }) != positions.end()) {
		return std::nullopt;
	}
	auto path_statistics = PathStatistics(data_file_path);
	if (!path_statistics) {
		return std::nullopt;
	}
	auto row_group_count = (positions.size() + row_group_rows_max - 1) / row_group_rows_max;

	// The largest page: `pos` of a full row group, or `file_path` written PLAIN in a small one.
	const size_t levels_bytes_max = 16;
	auto largest_row_group = std::min(row_group_rows_max, positions.size());
	auto page_bytes_max =
	    levels_bytes_max + std::max(largest_row_group * sizeof(int64_t),
	                                (dictionary_row_group_rows_min - 1) * (sizeof(uint32_t) + data_file_path.size()));
	ByteBuffer out(positions.size() * sizeof(int64_t) + 1024 * row_group_count + 8 * data_file_path.size());
	ByteBuffer page(page_bytes_max);
	DeleteFileBuilder builder(out, page_bytes_max);
	out.Append("PAR1", 4);
	std::vector<RowGroupFooter> row_groups;
	row_groups.reserve(row_group_count);

	for (size_t first_row = 0; first_row < positions.size(); first_row += row_group_rows_max) {
		auto row_count = std::min(row_group_rows_max, positions.size() - first_row);
		RowGroupFooter row_group;
		row_group.num_rows = static_cast<int64_t>(row_count);
		row_group.file_offset = static_cast<int64_t>(out.Size());

		auto &file_path = row_group.file_path;
		file_path.type = parquet_type_byte_array;
		file_path.name = "file_path";
		file_path.num_values = row_group.num_rows;
		file_path.statistics = *path_statistics;
		if (row_count >= dictionary_row_group_rows_min) {
			page.Clear();
			AppendPlainString(page, data_file_path);
			builder.AppendPage(file_path, page_type_dictionary, page, 1, encoding_plain);
			page.Clear();
			AppendAllValidDefinitionLevels(page, row_count);
			page.PushBack(1); // bit width of the dictionary indexes
			AppendRleRun(page, row_count, 0);
			file_path.encoding = encoding_plain_dictionary;
			builder.AppendPage(file_path, page_type_data, page, static_cast<int32_t>(row_count), file_path.encoding);
		} else {
			page.Clear();
			AppendAllValidDefinitionLevels(page, row_count);
			for (size_t row_idx = 0; row_idx < row_count; row_idx++) {
				AppendPlainString(page, data_file_path);
			}
			file_path.encoding = encoding_plain;
			file_path.statistics.has_distinct_count = false;
			builder.AppendPage(file_path, page_type_data, page, static_cast<int32_t>(row_count), file_path.encoding);
		}

		auto &pos = row_group.pos;
		pos.type = parquet_type_int64;
		pos.name = "pos";
		pos.num_values = row_group.num_rows;
		pos.encoding = encoding_plain;
		auto first = positions.data() + first_row;
		pos.statistics.min = Int64Bytes(first[0]);
		pos.statistics.max = Int64Bytes(first[row_count - 1]);
		page.Clear();
		AppendAllValidDefinitionLevels(page, row_count);
		page.Append(reinterpret_cast<const char *>(first), row_count * sizeof(int64_t));
		builder.AppendPage(pos, page_type_data, page, static_cast<int32_t>(row_count), pos.encoding);

		row_group.total_compressed_size = static_cast<int64_t>(out.Size()) - row_group.file_offset;
		row_groups.push_back(std::move(row_group));
	}

	// DuckDB writes the bloom filters of all row groups after the last one.
	auto bloom_filter = PathBloomFilter(data_file_path);
	auto bloom_filter_header = BloomFilterHeader(bloom_filter.size());
	for (auto &row_group : row_groups) {
		if (row_group.file_path.dictionary_page_offset < 0) {
			continue;
		}
		row_group.file_path.bloom_filter_offset = static_cast<int64_t>(out.Size());
		row_group.file_path.bloom_filter_length =
		    static_cast<int32_t>(bloom_filter_header.size() + bloom_filter.size());
		out.Append(bloom_filter_header);
		out.Append(bloom_filter);
	}

	auto footer = Footer(row_groups, static_cast<int64_t>(positions.size()));
	out.Append(footer);
	AppendUInt32(out, static_cast<uint32_t>(footer.size()));
	out.Append("PAR1", 4);
	EncodedDeleteFile result {std::move(out.stream), static_cast<int64_t>(footer.size())};
	return result;
}

} // namespace ducklake
