// Multipart parts written into their place in the upload's assembly file, through S3Handler: the
// completion that can publish that file without a copy, and every case that must fall back to
// concatenating.
#include "handler_test_fixture.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/multipart_xml.hpp"

#include <sys/stat.h>

using namespace ducklake::server;
using namespace ducklake;

namespace {

class AssemblyTest : public HandlerTest {
protected:
	std::string Create(const std::string &key) {
		auto created = Send("POST", "/alpha/" + key + "?uploads");
		auto initiate = s3::ParseInitiateMultipartUploadResult(created.body);
		EXPECT_TRUE(initiate.Ok()) << created.body;
		return initiate.Ok() ? initiate.Value().upload_id : "";
	}
	//! Uploads a part the way clients do, announcing its length (which is what places it).
	std::string UploadPart(const std::string &key, const std::string &upload_id, uint32_t number,
	                       const std::string &body) {
		auto put = Send("PUT", "/alpha/" + key + "?partNumber=" + std::to_string(number) + "&uploadId=" + upload_id,
		                {{"Content-Length", std::to_string(body.size())}}, body);
		EXPECT_EQ(put.status, 200) << put.body;
		return put.Header("ETag");
	}
	TestResponse Complete(const std::string &key, const std::string &upload_id, std::vector<s3::CompletedPart> parts,
	                      std::vector<s3::HttpHeader> headers = {}) {
		return Send("POST", "/alpha/" + key + "?uploadId=" + upload_id, headers,
		            s3::RenderCompleteMultipartUpload(parts));
	}
	//! Inode of the upload's assembly file, 0 when there is none.
	ino_t AssemblyInode(const std::string &upload_id) {
		struct stat status;
		std::string path = root + "/.s3d/multipart/" + upload_id + "/assembly";
		return stat(path.c_str(), &status) == 0 ? status.st_ino : 0;
	}
	ino_t ObjectInode(const std::string &key) {
		struct stat status;
		std::string path = root + "/alpha/" + key;
		return stat(path.c_str(), &status) == 0 ? status.st_ino : 0;
	}
	static std::string Bytes(size_t size, char seed) {
		std::string bytes(size, '\0');
		for (size_t byte_idx = 0; byte_idx < size; byte_idx++) {
			bytes[byte_idx] = char(seed + byte_idx * 7 % 251);
		}
		return bytes;
	}
	const size_t stride = MULTIPART_PART_BYTES_MIN;
};

TEST_F(AssemblyTest, PartsOfOneSizeInAnyOrderBecomeTheObjectWithoutACopy) {
	CreateBucket("alpha");
	auto upload_id = Create("big");
	auto part1 = Bytes(stride, 'a'), part2 = Bytes(stride, 'b'), part3 = Bytes(12345, 'c');
	auto etag2 = UploadPart("big", upload_id, 2, part2);
	auto etag1 = UploadPart("big", upload_id, 1, part1);
	auto etag3 = UploadPart("big", upload_id, 3, part3);
	ino_t assembly = AssemblyInode(upload_id);
	ASSERT_NE(assembly, 0u);
	auto listed = Send("GET", "/alpha/big?uploadId=" + upload_id);
	EXPECT_NE(listed.body.find("<PartNumber>3</PartNumber>"), std::string::npos) << listed.body;
	auto completed = Complete("big", upload_id, {{1, etag1}, {2, etag2}, {3, etag3}});
	ASSERT_EQ(completed.status, 200) << completed.body;
	EXPECT_EQ(ObjectInode("big"), assembly); // published as it is, not copied
	EXPECT_EQ(Send("GET", "/alpha/big").body, part1 + part2 + part3);
	std::string expected =
	    MultipartEtag({s3::HexEncode(s3::Md5(part1)), s3::HexEncode(s3::Md5(part2)), s3::HexEncode(s3::Md5(part3))});
	EXPECT_EQ(Send("HEAD", "/alpha/big").Header("ETag"), "\"" + expected + "\"");
	EXPECT_EQ(Send("GET", "/alpha/big?uploadId=" + upload_id).error_code, "NoSuchUpload");
}

TEST_F(AssemblyTest, AReuploadedPartIsCopiedAndTheNewBytesWin) {
	CreateBucket("alpha");
	auto upload_id = Create("k");
	auto part1 = Bytes(stride, 'a'), part2 = Bytes(100, 'b'), part1_again = Bytes(stride, 'z');
	UploadPart("k", upload_id, 1, part1);
	auto etag2 = UploadPart("k", upload_id, 2, part2);
	// Slot 1 holds a recorded part and is never written again: the new bytes get a file of their own.
	auto etag1 = UploadPart("k", upload_id, 1, part1_again);
	ino_t assembly = AssemblyInode(upload_id);
	auto completed = Complete("k", upload_id, {{1, etag1}, {2, etag2}});
	ASSERT_EQ(completed.status, 200) << completed.body;
	EXPECT_NE(ObjectInode("k"), assembly);
	EXPECT_EQ(Send("GET", "/alpha/k").body, part1_again + part2);
}

TEST_F(AssemblyTest, PartsNotListedKeepTheAssemblyFileFromBecomingTheObject) {
	CreateBucket("alpha");
	auto upload_id = Create("k");
	auto part1 = Bytes(stride, 'a'), part2 = Bytes(stride, 'b');
	auto etag1 = UploadPart("k", upload_id, 1, part1);
	UploadPart("k", upload_id, 2, part2);
	auto completed = Complete("k", upload_id, {{1, etag1}});
	ASSERT_EQ(completed.status, 200) << completed.body;
	EXPECT_EQ(Send("GET", "/alpha/k").body, part1);
}

TEST_F(AssemblyTest, AFailedConditionalCompletionKeepsTheUpload) {
	CreateBucket("alpha");
	Put("/alpha/k", "existing");
	auto upload_id = Create("k");
	auto part1 = Bytes(stride, 'a'), part2 = Bytes(10, 'b');
	auto etag1 = UploadPart("k", upload_id, 1, part1);
	auto etag2 = UploadPart("k", upload_id, 2, part2);
	auto refused = Complete("k", upload_id, {{1, etag1}, {2, etag2}}, {{"If-None-Match", "*"}});
	EXPECT_EQ(refused.status, 412) << refused.body;
	EXPECT_EQ(Send("GET", "/alpha/k").body, "existing");
	// The refused completion took only its own name of the file: the parts are all still there.
	auto completed = Complete("k", upload_id, {{1, etag1}, {2, etag2}});
	ASSERT_EQ(completed.status, 200) << completed.body;
	EXPECT_EQ(Send("GET", "/alpha/k").body, part1 + part2);
}

TEST_F(AssemblyTest, AfterARestartPartsGetFilesOfTheirOwnAndEarlierPartsStayValid) {
	CreateBucket("alpha");
	auto upload_id = Create("k");
	auto part1 = Bytes(stride, 'a'), part2 = Bytes(stride, 'b'), part3 = Bytes(1, 'c');
	auto etag1 = UploadPart("k", upload_id, 1, part1);
	Reopen();
	auto etag2 = UploadPart("k", upload_id, 2, part2);
	auto etag3 = UploadPart("k", upload_id, 3, part3);
	struct stat status;
	EXPECT_EQ(stat((root + "/.s3d/multipart/" + upload_id + "/part-00002").c_str(), &status), 0);
	auto completed = Complete("k", upload_id, {{1, etag1}, {2, etag2}, {3, etag3}});
	ASSERT_EQ(completed.status, 200) << completed.body;
	EXPECT_EQ(Send("GET", "/alpha/k").body, part1 + part2 + part3);
}

TEST_F(AssemblyTest, ABodyLongerThanItsSlotIsRefusedAndFreesTheSlot) {
	CreateBucket("alpha");
	auto upload_id = Create("k");
	auto part1 = Bytes(stride, 'a');
	auto etag1 = UploadPart("k", upload_id, 1, part1);
	// Announces one byte less than it sends: it may never spill into the next slot.
	std::string part2 = Bytes(stride, 'b');
	auto lying = Send("PUT", "/alpha/k?partNumber=2&uploadId=" + upload_id,
	                  {{"Content-Length", std::to_string(stride - 1)}}, part2);
	EXPECT_NE(lying.status, 200);
	auto etag2 = UploadPart("k", upload_id, 2, part2);
	auto completed = Complete("k", upload_id, {{1, etag1}, {2, etag2}});
	ASSERT_EQ(completed.status, 200) << completed.body;
	EXPECT_EQ(Send("GET", "/alpha/k").body, part1 + part2);
}

} // namespace
