// Listings and the key-to-path mapping of the object store, through S3Handler.
#include "handler_test_fixture.hpp"

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

#include "s3/byte_encoding.hpp"
#include "s3/delete_objects_xml.hpp"
#include "s3/xml_writer.hpp"
#include "s3/list_objects_xml.hpp"
#include "s3/multipart_xml.hpp"

using namespace ducklake::server;
using namespace ducklake;

namespace {

s3::ListObjectsPage Parse(const TestResponse &response) {
	EXPECT_EQ(response.status, 200) << response.body;
	auto page = s3::ParseListObjects(response.body);
	EXPECT_TRUE(page.Ok()) << page.Error();
	return page.Ok() ? page.Value() : s3::ListObjectsPage();
}

std::vector<std::string> Keys(const s3::ListObjectsPage &page) {
	std::vector<std::string> keys;
	for (auto &object : page.contents) {
		keys.push_back(object.key);
	}
	return keys;
}

} // namespace

TEST(KeyMapping, BrowsablePathsAndExceptions) {
	EXPECT_EQ(BrowsableRelativePath("dir/file.parquet"), "dir/file.parquet");
	EXPECT_EQ(BrowsableRelativePath("dir/"), "");
	EXPECT_EQ(BrowsableRelativePath("a//b"), "");
	EXPECT_EQ(BrowsableRelativePath("../etc/passwd"), "");
	EXPECT_EQ(BrowsableRelativePath("a/./b"), "");
	EXPECT_EQ(BrowsableRelativePath(".s3d-meta.x"), "");
	EXPECT_EQ(BrowsableRelativePath("/leading"), "");
	EXPECT_EQ(BrowsableRelativePath(std::string(201, 'k')), "");
	EXPECT_EQ(BrowsableRelativePath(".hidden/ok"), ".hidden/ok");
}

TEST_F(HandlerTest, KeysThatCannotBePathsStillWork) {
	CreateBucket("alpha");
	std::vector<std::string> keys {"dir/",
	                               "a//b",
	                               "../escape",
	                               "x/./y",
	                               ".s3d-meta.z",
	                               std::string(300, 'l'),
	                               "sp ace+plus%percent",
	                               "unicode-\xc3\xa9"};
	for (auto &key : keys) {
		Put("/alpha/" + s3::UriEncode(key, false), "value of " + key);
	}
	for (auto &key : keys) {
		EXPECT_EQ(Send("GET", "/alpha/" + s3::UriEncode(key, false)).body, "value of " + key) << key;
	}
	auto page = Parse(Send("GET", "/alpha?list-type=2"));
	auto listed = Keys(page);
	auto expected = keys;
	std::sort(expected.begin(), expected.end());
	EXPECT_EQ(listed, expected);
	// Nothing escaped the root.
	EXPECT_FALSE(std::filesystem::exists(root + "/escape"));
	for (auto &key : keys) {
		EXPECT_EQ(Send("DELETE", "/alpha/" + s3::UriEncode(key, false)).status, 204);
	}
	EXPECT_TRUE(Keys(Parse(Send("GET", "/alpha?list-type=2"))).empty());
}

TEST_F(HandlerTest, KeyAndPrefixOfTheSameNameCoexist) {
	CreateBucket("alpha");
	Put("/alpha/a", "file a");
	Put("/alpha/a/b", "file a/b");
	Put("/alpha/c/d", "file c/d");
	Put("/alpha/c", "file c");
	EXPECT_EQ(Send("GET", "/alpha/a").body, "file a");
	EXPECT_EQ(Send("GET", "/alpha/a/b").body, "file a/b");
	EXPECT_EQ(Send("GET", "/alpha/c").body, "file c");
	EXPECT_EQ(Send("GET", "/alpha/c/d").body, "file c/d");
	EXPECT_EQ(Keys(Parse(Send("GET", "/alpha?list-type=2"))), (std::vector<std::string> {"a", "a/b", "c", "c/d"}));
	// The hashed placement is remembered across restarts.
	Reopen();
	EXPECT_EQ(Keys(Parse(Send("GET", "/alpha?list-type=2"))), (std::vector<std::string> {"a", "a/b", "c", "c/d"}));
}

TEST_F(HandlerTest, ListV2WithDelimiterGivesCommonPrefixes) {
	CreateBucket("alpha");
	for (auto key : {"top.txt", "dir/a.parquet", "dir/b.parquet", "dir/sub/c.parquet", "other/d"}) {
		Put(std::string("/alpha/") + key, "x");
	}
	auto root_page = Parse(Send("GET", "/alpha?list-type=2&delimiter=%2F"));
	EXPECT_EQ(Keys(root_page), std::vector<std::string> {"top.txt"});
	EXPECT_EQ(root_page.common_prefixes, (std::vector<std::string> {"dir/", "other/"}));
	auto dir_page = Parse(Send("GET", "/alpha?list-type=2&delimiter=%2F&prefix=dir%2F"));
	EXPECT_EQ(Keys(dir_page), (std::vector<std::string> {"dir/a.parquet", "dir/b.parquet"}));
	EXPECT_EQ(dir_page.common_prefixes, std::vector<std::string> {"dir/sub/"});
	auto recursive = Parse(Send("GET", "/alpha?list-type=2&prefix=dir%2F"));
	EXPECT_EQ(Keys(recursive).size(), 3u);
	EXPECT_EQ(recursive.contents[0].size, 1u);
	EXPECT_EQ(recursive.contents[0].etag, "\"9dd4e461268c8034f5c8564e155c67a6\"");
}

TEST_F(HandlerTest, ListV2PagesWithContinuationTokens) {
	CreateBucket("alpha");
	std::vector<std::string> all;
	for (int key_idx = 0; key_idx < 7; key_idx++) {
		all.push_back("k" + std::to_string(key_idx));
		Put("/alpha/" + all.back(), "x");
	}
	std::vector<std::string> seen;
	std::string token;
	for (int page_idx = 0; page_idx < 10; page_idx++) {
		std::string target = "/alpha?list-type=2&max-keys=3";
		if (!token.empty()) {
			target += "&continuation-token=" + s3::UriEncode(token, true);
		}
		auto page = Parse(Send("GET", target));
		EXPECT_LE(page.contents.size(), 3u);
		for (auto &key : Keys(page)) {
			seen.push_back(key);
		}
		if (!page.is_truncated) {
			break;
		}
		token = page.next_continuation_token;
	}
	EXPECT_EQ(seen, all);
	EXPECT_EQ(Keys(Parse(Send("GET", "/alpha?list-type=2&start-after=k4"))), (std::vector<std::string> {"k5", "k6"}));
	EXPECT_EQ(Send("GET", "/alpha?list-type=2&continuation-token=garbage").error_code, "InvalidArgument");
	EXPECT_EQ(Send("GET", "/alpha?list-type=2&max-keys=-1").error_code, "InvalidArgument");
}

TEST_F(HandlerTest, PagingAcrossCommonPrefixesDoesNotRepeatThem) {
	CreateBucket("alpha");
	for (auto key : {"a/1", "a/2", "b/1", "c", "d/1"}) {
		Put(std::string("/alpha/") + key, "x");
	}
	std::vector<std::string> entries;
	std::string marker;
	for (int page_idx = 0; page_idx < 10; page_idx++) {
		auto page = Parse(Send("GET", "/alpha?delimiter=%2F&max-keys=1" +
		                                  (marker.empty() ? std::string() : "&marker=" + s3::UriEncode(marker, true))));
		EXPECT_FALSE(page.v2);
		for (auto &key : Keys(page)) {
			entries.push_back(key);
		}
		for (auto &common_prefix : page.common_prefixes) {
			entries.push_back(common_prefix);
		}
		if (!page.is_truncated) {
			break;
		}
		marker = page.next_marker;
	}
	EXPECT_EQ(entries, (std::vector<std::string> {"a/", "b/", "c", "d/"}));
}

TEST_F(HandlerTest, EncodingTypeUrlEncodesKeys) {
	CreateBucket("alpha");
	Put("/alpha/" + s3::UriEncode("with\x01"
	                              "control",
	                              false),
	    "x");
	auto response = Send("GET", "/alpha?list-type=2&encoding-type=url");
	EXPECT_NE(response.body.find("with%01control"), std::string::npos);
	EXPECT_EQ(Keys(Parse(response)), std::vector<std::string> {"with\x01"
	                                                           "control"});
}

TEST_F(HandlerTest, DeleteObjectsVerboseAndQuiet) {
	CreateBucket("alpha");
	Put("/alpha/a", "1");
	Put("/alpha/b", "2");
	auto verbose = Send("POST", "/alpha?delete", {}, s3::RenderDeleteObjectsRequest({false, {"a", "missing"}}));
	auto result = s3::ParseDeleteObjectsResult(verbose.body);
	ASSERT_TRUE(result.Ok()) << verbose.body;
	EXPECT_EQ(result.Value().deleted, (std::vector<std::string> {"a", "missing"}));
	auto quiet = Send("POST", "/alpha?delete", {}, s3::RenderDeleteObjectsRequest({true, {"b"}}));
	EXPECT_TRUE(s3::ParseDeleteObjectsResult(quiet.body).Value().deleted.empty());
	EXPECT_TRUE(Keys(Parse(Send("GET", "/alpha?list-type=2"))).empty());
	EXPECT_EQ(Send("POST", "/alpha?delete", {}, "<Delete><Object>").error_code, "MalformedXML");
}

TEST_F(HandlerTest, MultipartUploadCompletesWithMd5OfMd5sEtag) {
	CreateBucket("alpha");
	auto created = Send("POST", "/alpha/big?uploads", {{"Content-Type", "application/x-big"}});
	auto initiate = s3::ParseInitiateMultipartUploadResult(created.body);
	ASSERT_TRUE(initiate.Ok()) << created.body;
	std::string upload_id = initiate.Value().upload_id;
	std::string part1(MULTIPART_PART_BYTES_MIN, 'a');
	std::string part2 = "tail";
	auto put1 = Send("PUT", "/alpha/big?partNumber=1&uploadId=" + upload_id, {}, part1);
	auto put2 = Send("PUT", "/alpha/big?partNumber=2&uploadId=" + upload_id, {}, part2);
	ASSERT_EQ(put1.status, 200);
	ASSERT_EQ(put2.status, 200);
	auto parts = Send("GET", "/alpha/big?uploadId=" + upload_id);
	EXPECT_NE(parts.body.find("<PartNumber>2</PartNumber>"), std::string::npos);
	auto listing = Send("GET", "/alpha?uploads");
	EXPECT_NE(listing.body.find(upload_id), std::string::npos);
	EXPECT_EQ(Send("GET", "/alpha/big").status, 404);
	auto completed = Send("POST", "/alpha/big?uploadId=" + upload_id, {},
	                      s3::RenderCompleteMultipartUpload({{1, put1.Header("ETag")}, {2, put2.Header("ETag")}}));
	ASSERT_EQ(completed.status, 200) << completed.body;
	std::string expected_etag = MultipartEtag({s3::HexEncode(s3::Md5(part1)), s3::HexEncode(s3::Md5(part2))});
	EXPECT_EQ(s3::ParseCompleteMultipartUploadResult(completed.body).Value().etag, "\"" + expected_etag + "\"");
	EXPECT_EQ(expected_etag.substr(expected_etag.size() - 2), "-2");
	auto get = Send("GET", "/alpha/big");
	EXPECT_EQ(get.body, part1 + part2);
	EXPECT_EQ(get.Header("Content-Type"), "application/x-big");
	EXPECT_EQ(get.Header("x-amz-mp-parts-count"), "2");
	EXPECT_EQ(Send("GET", "/alpha/big?uploadId=" + upload_id).error_code, "NoSuchUpload");
}

TEST_F(HandlerTest, MultipartValidatesParts) {
	CreateBucket("alpha");
	auto upload_id = s3::ParseInitiateMultipartUploadResult(Send("POST", "/alpha/k?uploads").body).Value().upload_id;
	auto small1 = Send("PUT", "/alpha/k?partNumber=1&uploadId=" + upload_id, {}, "small");
	auto small2 = Send("PUT", "/alpha/k?partNumber=2&uploadId=" + upload_id, {}, "small");
	auto too_small = Send("POST", "/alpha/k?uploadId=" + upload_id, {},
	                      s3::RenderCompleteMultipartUpload({{1, small1.Header("ETag")}, {2, small2.Header("ETag")}}));
	EXPECT_EQ(too_small.error_code, "EntityTooSmall");
	auto wrong_etag =
	    Send("POST", "/alpha/k?uploadId=" + upload_id, {}, s3::RenderCompleteMultipartUpload({{1, "\"0000\""}}));
	EXPECT_EQ(wrong_etag.error_code, "InvalidPart");
	auto unordered = Send("POST", "/alpha/k?uploadId=" + upload_id, {},
	                      s3::RenderCompleteMultipartUpload({{2, small2.Header("ETag")}, {1, small1.Header("ETag")}}));
	EXPECT_EQ(unordered.error_code, "InvalidPartOrder");
	EXPECT_EQ(Send("PUT", "/alpha/k?partNumber=0&uploadId=" + upload_id, {}, "x").error_code, "InvalidArgument");
	EXPECT_EQ(Send("DELETE", "/alpha/k?uploadId=" + upload_id).status, 204);
	EXPECT_EQ(Send("PUT", "/alpha/k?partNumber=1&uploadId=" + upload_id, {}, "x").error_code, "NoSuchUpload");
	EXPECT_EQ(Send("GET", "/alpha/k").status, 404);
}

TEST_F(HandlerTest, AbandonedUploadsExpire) {
	CreateBucket("alpha");
	Send("POST", "/alpha/k?uploads");
	EXPECT_EQ(uploads->ExpireOlderThan(3600), 0u);
	EXPECT_EQ(uploads->ExpireOlderThan(-1), 1u);
	EXPECT_EQ(Send("GET", "/alpha?uploads").body.find("<Upload>"), std::string::npos);
}

TEST_F(HandlerTest, UploadPartCopyTakesARange) {
	CreateBucket("alpha");
	Put("/alpha/src", "0123456789");
	auto upload_id = s3::ParseInitiateMultipartUploadResult(Send("POST", "/alpha/dst?uploads").body).Value().upload_id;
	auto copied = Send("PUT", "/alpha/dst?partNumber=1&uploadId=" + upload_id,
	                   {{"x-amz-copy-source", "/alpha/src"}, {"x-amz-copy-source-range", "bytes=2-5"}});
	ASSERT_EQ(copied.status, 200) << copied.body;
	std::string etag = "\"" + s3::HexEncode(s3::Md5("2345")) + "\"";
	EXPECT_NE(copied.body.find(s3::XmlEscape(etag)), std::string::npos);
	Send("POST", "/alpha/dst?uploadId=" + upload_id, {}, s3::RenderCompleteMultipartUpload({{1, etag}}));
	EXPECT_EQ(Send("GET", "/alpha/dst").body, "2345");
}

TEST_F(HandlerTest, ReplacedObjectsAreRemovedAfterTheNewOneIsInPlace) {
	// An overwrite gives the old file a second name in .s3d/tmp, renames the new one over it and
	// unlinks that name in the background (file_remover.hpp): readers holding the old file keep its
	// bytes, the new bytes are what GET returns, and no name of the old file survives the store.
	CreateBucket("alpha");
	Put("/alpha/dir/k", "first version");
	Put("/alpha/a//b", "first hashed version");
	std::string browsable_path = root + "/alpha/dir/k";
	int old_fd = open(browsable_path.c_str(), O_RDONLY | O_CLOEXEC);
	ASSERT_GE(old_fd, 0);
	Put("/alpha/dir/k", "second version");
	Put("/alpha/a//b", "second hashed version");
	Put("/alpha/dir/k", "third version");
	EXPECT_EQ(Send("GET", "/alpha/dir/k").body, "third version");
	EXPECT_EQ(Send("GET", "/alpha/a//b").body, "second hashed version");
	char bytes[64] = {};
	EXPECT_EQ(pread(old_fd, bytes, sizeof(bytes), 0), ssize_t(strlen("first version")));
	EXPECT_STREQ(bytes, "first version");

	handler.reset();
	uploads.reset();
	objects.reset(); // waits for the background removals
	struct stat status;
	ASSERT_EQ(fstat(old_fd, &status), 0);
	EXPECT_EQ(status.st_nlink, 0u); // the old file has no name left anywhere
	close(old_fd);
	size_t leftovers = 0;
	for (auto &entry : std::filesystem::directory_iterator(root + "/.s3d/tmp")) {
		ADD_FAILURE() << "left in .s3d/tmp: " << entry.path();
		leftovers++;
	}
	EXPECT_EQ(leftovers, 0u);
	Reopen();
	EXPECT_EQ(Send("GET", "/alpha/dir/k").body, "third version");
}
