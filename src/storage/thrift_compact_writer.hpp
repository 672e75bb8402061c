//===----------------------------------------------------------------------===//
// ThriftCompactWriter: appends Thrift compact-protocol structs to a byte string.
//
// Parquet page headers and the file footer are Thrift structs in the compact protocol. This
// writer emits exactly what Apache Thrift's TCompactProtocol emits for the same calls (field
// headers as deltas from the previous field id, zigzag varints, short list headers below 15
// elements), so a caller that writes the fields a generated `write()` would write, in the same
// order, gets the same bytes. The caller writes fields in ascending id order inside each struct
// and closes every struct it opens; the writer checks neither. Single-threaded; the output string
// is owned by the caller and only appended to.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

class ThriftCompactWriter {
public:
	//! Element and field types of the compact protocol.
	enum class Type : uint8_t { BOOL_TRUE = 1, BOOL_FALSE = 2, I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12 };

	explicit ThriftCompactWriter(std::string &out);

	//! Open the outermost struct (or a struct that is a list element).
	void BeginStruct();
	//! Write the stop byte of the innermost open struct.
	void EndStruct();

	void I32Field(int16_t field_id, int32_t value);
	void I64Field(int16_t field_id, int64_t value);
	void BinaryField(int16_t field_id, const std::string &value);
	void BoolField(int16_t field_id, bool value);
	//! A struct field; close it with EndStruct.
	void StructField(int16_t field_id);
	//! A list field of `size` elements of `element_type`; then write the elements.
	void ListField(int16_t field_id, Type element_type, uint32_t size);

	//! List elements.
	void I32Element(int32_t value);
	void BinaryElement(const std::string &value);

	//! Bytes appended since this writer was made.
	size_t Written() const;

private:
	void FieldHeader(int16_t field_id, Type type);
	void Varint(uint64_t value);

	std::string &out;
	size_t start;
	int16_t last_field_id = 0;
	//! The last field id of each enclosing struct, restored when the inner one ends.
	std::vector<int16_t> enclosing_field_ids;
};

} // namespace ducklake
