#include "storage/thrift_compact_writer.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

std::string Bytes(std::initializer_list<int> values) {
	std::string result;
	for (auto value : values) {
		result.push_back(static_cast<char>(value));
	}
	return result;
}

} // namespace

TEST(ThriftCompactWriter, FieldHeadersAreDeltasOfTheFieldIdWithTheTypeInTheLowNibble) {
	std::string out;
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.I32Field(1, 1);
	writer.I64Field(3, -1);
	writer.BinaryField(4, "ab");
	writer.EndStruct();
	EXPECT_EQ(out, Bytes({0x15, 0x02, 0x26, 0x01, 0x18, 0x02, 'a', 'b', 0x00}));
	EXPECT_EQ(writer.Written(), out.size());
}

TEST(ThriftCompactWriter, AFieldIdJumpOver15IsWrittenInFull) {
	std::string out;
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.I32Field(20, 5);
	writer.I32Field(21, 2147483646);
	writer.EndStruct();
	// Type byte, zigzag varint id 20 (40), zigzag value 5 (10); then a short header (delta 1).
	EXPECT_EQ(out, Bytes({0x05, 0x28, 0x0A, 0x15, 0xFC, 0xFF, 0xFF, 0xFF, 0x0F, 0x00}));
}

TEST(ThriftCompactWriter, BoolsLiveInTheFieldHeader) {
	std::string out;
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.BoolField(7, true);
	writer.BoolField(8, false);
	writer.EndStruct();
	EXPECT_EQ(out, Bytes({0x71, 0x12, 0x00}));
}

TEST(ThriftCompactWriter, ANestedStructRestoresTheOuterFieldId) {
	std::string out;
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.StructField(3);
	writer.I32Field(9, 0);
	writer.EndStruct();
	writer.I32Field(4, 0);
	writer.EndStruct();
	EXPECT_EQ(out, Bytes({0x3C, 0x95, 0x00, 0x00, 0x15, 0x00, 0x00}));
}

TEST(ThriftCompactWriter, ListsOf15OrMoreCarryTheirSizeInAVarint) {
	std::string short_list;
	ThriftCompactWriter short_writer(short_list);
	short_writer.BeginStruct();
	short_writer.ListField(2, ThriftCompactWriter::Type::I32, 14);
	EXPECT_EQ(short_list, Bytes({0x29, 0xE5}));

	std::string long_list;
	ThriftCompactWriter long_writer(long_list);
	long_writer.BeginStruct();
	long_writer.ListField(2, ThriftCompactWriter::Type::STRUCT, 300);
	EXPECT_EQ(long_list, Bytes({0x29, 0xFC, 0xAC, 0x02}));
}

TEST(ThriftCompactWriter, AppendsAfterWhatTheStringHolds) {
	std::string out = "PAR1";
	ThriftCompactWriter writer(out);
	writer.BeginStruct();
	writer.EndStruct();
	EXPECT_EQ(out, std::string("PAR1") + Bytes({0x00}));
	EXPECT_EQ(writer.Written(), 1u);
}

} // namespace ducklake
