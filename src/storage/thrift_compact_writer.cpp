#include "storage/thrift_compact_writer.hpp"

namespace ducklake {

namespace {

//! A field id delta this large or larger is written as a type byte and a varint id.
constexpr int16_t short_field_delta_max = 15;
//! Lists of this many elements or more carry their size in a varint after the header byte.
constexpr uint32_t short_list_size_limit = 15;

uint64_t ZigZag32(int32_t value) {
	return static_cast<uint32_t>((static_cast<uint32_t>(value) << 1) ^ static_cast<uint32_t>(value >> 31));
}

uint64_t ZigZag64(int64_t value) {
	return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

} // namespace

ThriftCompactWriter::ThriftCompactWriter(std::string &out_p) : out(out_p), start(out_p.size()) {
}

void ThriftCompactWriter::BeginStruct() {
	enclosing_field_ids.push_back(last_field_id);
	last_field_id = 0;
}

void ThriftCompactWriter::EndStruct() {
	out.push_back('\0');
	last_field_id = enclosing_field_ids.back();
	enclosing_field_ids.pop_back();
}

void ThriftCompactWriter::I32Field(int16_t field_id, int32_t value) {
	FieldHeader(field_id, Type::I32);
	Varint(ZigZag32(value));
}

void ThriftCompactWriter::I64Field(int16_t field_id, int64_t value) {
	FieldHeader(field_id, Type::I64);
	Varint(ZigZag64(value));
}

void ThriftCompactWriter::BinaryField(int16_t field_id, const std::string &value) {
	FieldHeader(field_id, Type::BINARY);
	BinaryElement(value);
}

void ThriftCompactWriter::BoolField(int16_t field_id, bool value) {
	FieldHeader(field_id, value ? Type::BOOL_TRUE : Type::BOOL_FALSE);
}

void ThriftCompactWriter::StructField(int16_t field_id) {
	FieldHeader(field_id, Type::STRUCT);
	BeginStruct();
}

void ThriftCompactWriter::ListField(int16_t field_id, Type element_type, uint32_t size) {
	FieldHeader(field_id, Type::LIST);
	auto type_bits = static_cast<uint8_t>(element_type);
	if (size < short_list_size_limit) {
		out.push_back(static_cast<char>(static_cast<uint8_t>(size << 4) | type_bits));
	} else {
		out.push_back(static_cast<char>(0xF0 | type_bits));
		Varint(size);
	}
}

void ThriftCompactWriter::I32Element(int32_t value) {
	Varint(ZigZag32(value));
}

void ThriftCompactWriter::BinaryElement(const std::string &value) {
	Varint(value.size());
	out.append(value);
}

size_t ThriftCompactWriter::Written() const {
	return out.size() - start;
}

void ThriftCompactWriter::FieldHeader(int16_t field_id, Type type) {
	auto type_bits = static_cast<uint8_t>(type);
	auto delta = field_id - last_field_id;
	if (delta > 0 && delta <= short_field_delta_max) {
		out.push_back(static_cast<char>(static_cast<uint8_t>(delta << 4) | type_bits));
	} else {
		out.push_back(static_cast<char>(type_bits));
		Varint(ZigZag32(field_id));
	}
	last_field_id = field_id;
}

void ThriftCompactWriter::Varint(uint64_t value) {
	while (value >= 0x80) {
		out.push_back(static_cast<char>((value & 0x7F) | 0x80));
		value >>= 7;
	}
	out.push_back(static_cast<char>(value));
}

} // namespace ducklake
