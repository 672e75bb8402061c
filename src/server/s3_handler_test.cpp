// S3Handler: buckets, objects, ranges and conditional requests, without a socket.
#include "handler_test_fixture.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"
#include "s3/error_xml.hpp"
#include "server/directory_sync.hpp"

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/xattr.h>
#include <thread>

using namespace ducklake::server;
using ducklake::s3::HttpHeader;

TEST_F(HandlerTest, ListBucketsShowsCreatedBuckets) {
	CreateBucket("alpha");
	CreateBucket("beta");
	auto response = Send("GET", "/");
	EXPECT_EQ(response.status, 200);
	EXPECT_NE(response.body.find("<Name>alpha</Name>"), std::string::npos);
	EXPECT_NE(response.body.find("<Name>beta</Name>"), std::string::npos);
}

TEST_F(HandlerTest, CreateBucketTwiceIsBucketAlreadyOwnedByYou) {
	CreateBucket("alpha");
	auto response = Send("PUT", "/alpha");
	EXPECT_EQ(response.status, 409);
	EXPECT_EQ(response.error_code, "BucketAlreadyOwnedByYou");
}

TEST_F(HandlerTest, InvalidBucketNameIsRejectedWithTheRule) {
	auto response = Send("PUT", "/Bad_Bucket");
	EXPECT_EQ(response.status, 400);
	auto error = ducklake::s3::ParseErrorXml(response.body);
	ASSERT_TRUE(error.Ok());
	EXPECT_EQ(error.Value().code, "InvalidBucketName");
	EXPECT_NE(error.Value().message.find("lower-case"), std::string::npos);
}

TEST_F(HandlerTest, HeadAndLocationOfBucket) {
	CreateBucket("alpha");
	EXPECT_EQ(Send("HEAD", "/alpha").status, 200);
	EXPECT_EQ(Send("HEAD", "/missing").status, 404);
	auto location = Send("GET", "/alpha?location");
	EXPECT_EQ(location.status, 200);
	EXPECT_NE(location.body.find("<LocationConstraint"), std::string::npos);
}

TEST_F(HandlerTest, DeleteBucketOnlyWhenEmpty) {
	CreateBucket("alpha");
	Put("/alpha/k", "v");
	auto refused = Send("DELETE", "/alpha");
	EXPECT_EQ(refused.status, 409);
	EXPECT_EQ(refused.error_code, "BucketNotEmpty");
	EXPECT_EQ(Send("DELETE", "/alpha/k").status, 204);
	EXPECT_EQ(Send("DELETE", "/alpha").status, 204);
	EXPECT_EQ(Send("HEAD", "/alpha").status, 404);
}

TEST_F(HandlerTest, PutThenGetReturnsBytesWithMd5Etag) {
	CreateBucket("alpha");
	auto put = Send("PUT", "/alpha/dir/file.txt", {{"Content-Type", "text/plain"}, {"x-amz-meta-owner", "ana"}},
	                "hello world");
	EXPECT_EQ(put.status, 200);
	EXPECT_EQ(put.Header("ETag"), "\"5eb63bbbe01eeed093cb22bb8f5acdc3\"");
	auto get = Send("GET", "/alpha/dir/file.txt");
	EXPECT_EQ(get.status, 200);
	EXPECT_EQ(get.body, "hello world");
	EXPECT_EQ(get.Header("Content-Type"), "text/plain");
	EXPECT_EQ(get.Header("x-amz-meta-owner"), "ana");
	EXPECT_EQ(get.Header("ETag"), put.Header("ETag"));
	// The tree is browsable: the object is a plain file under <root>/<bucket>/<key>.
	EXPECT_TRUE(std::filesystem::is_regular_file(root + "/alpha/dir/file.txt"));
}

TEST_F(HandlerTest, ZeroByteObject) {
	CreateBucket("alpha");
	Put("/alpha/empty", "");
	auto get = Send("GET", "/alpha/empty");
	EXPECT_EQ(get.status, 200);
	EXPECT_EQ(get.body, "");
	EXPECT_EQ(get.Header("ETag"), "\"d41d8cd98f00b204e9800998ecf8427e\"");
}

TEST_F(HandlerTest, MissingKeyAndBucketAreS3Errors) {
	CreateBucket("alpha");
	auto missing_key = Send("GET", "/alpha/nope");
	EXPECT_EQ(missing_key.status, 404);
	auto error = ducklake::s3::ParseErrorXml(missing_key.body);
	ASSERT_TRUE(error.Ok());
	EXPECT_EQ(error.Value().code, "NoSuchKey");
	EXPECT_EQ(error.Value().resource, "/alpha/nope");
	EXPECT_EQ(Send("GET", "/nobucket/k").error_code, "NoSuchBucket");
	EXPECT_EQ(Send("HEAD", "/alpha/nope").status, 404);
	EXPECT_EQ(Send("HEAD", "/alpha/nope").body, "");
}

TEST_F(HandlerTest, MetadataSurvivesRestart) {
	CreateBucket("alpha");
	Put("/alpha/k", "data", {{"Content-Type", "application/x-test"}, {"x-amz-meta-color", "blue"}});
	Reopen();
	auto get = Send("GET", "/alpha/k");
	EXPECT_EQ(get.Header("Content-Type"), "application/x-test");
	EXPECT_EQ(get.Header("x-amz-meta-color"), "blue");
	EXPECT_EQ(get.Header("ETag"), "\"8d777f385d3dfec8815d20f7496026dc\"");
}

TEST_F(HandlerTest, RangeRequests) {
	CreateBucket("alpha");
	Put("/alpha/digits", "0123456789");
	auto closed = Send("GET", "/alpha/digits", {{"Range", "bytes=2-4"}});
	EXPECT_EQ(closed.status, 206);
	EXPECT_EQ(closed.body, "234");
	EXPECT_EQ(closed.Header("Content-Range"), "bytes 2-4/10");
	auto open = Send("GET", "/alpha/digits", {{"Range", "bytes=7-"}});
	EXPECT_EQ(open.body, "789");
	auto suffix = Send("GET", "/alpha/digits", {{"Range", "bytes=-2"}});
	EXPECT_EQ(suffix.body, "89");
	auto clamped = Send("GET", "/alpha/digits", {{"Range", "bytes=8-100"}});
	EXPECT_EQ(clamped.body, "89");
	auto malformed = Send("GET", "/alpha/digits", {{"Range", "bytes=x-y"}});
	EXPECT_EQ(malformed.status, 200);
	EXPECT_EQ(malformed.body, "0123456789");
}

TEST_F(HandlerTest, RangeBeyondEndIs416) {
	CreateBucket("alpha");
	Put("/alpha/digits", "0123456789");
	auto response = Send("GET", "/alpha/digits", {{"Range", "bytes=10-"}});
	EXPECT_EQ(response.status, 416);
	EXPECT_EQ(response.error_code, "InvalidRange");
	EXPECT_EQ(response.Header("Content-Range"), "bytes */10");
}

TEST_F(HandlerTest, ConditionalGet) {
	CreateBucket("alpha");
	Put("/alpha/k", "v1");
	std::string etag = Send("HEAD", "/alpha/k").Header("ETag");
	EXPECT_EQ(Send("GET", "/alpha/k", {{"If-None-Match", etag}}).status, 304);
	EXPECT_EQ(Send("GET", "/alpha/k", {{"If-None-Match", "\"other\""}}).status, 200);
	EXPECT_EQ(Send("GET", "/alpha/k", {{"If-Match", etag}}).status, 200);
	auto failed = Send("GET", "/alpha/k", {{"If-Match", "\"other\""}});
	EXPECT_EQ(failed.status, 412);
	EXPECT_EQ(failed.error_code, "PreconditionFailed");
	// Last-Modified is the file time, so the dates are relative to the real clock.
	std::string later = ducklake::s3::FormatHttpDate(time(nullptr) + 3600);
	std::string earlier = ducklake::s3::FormatHttpDate(time(nullptr) - 3600 * 24 * 365);
	EXPECT_EQ(Send("GET", "/alpha/k", {{"If-Modified-Since", later}}).status, 304);
	EXPECT_EQ(Send("GET", "/alpha/k", {{"If-Unmodified-Since", earlier}}).status, 412);
}

TEST_F(HandlerTest, IfNoneMatchStarPutRefusesExistingKey) {
	CreateBucket("alpha");
	EXPECT_EQ(Send("PUT", "/alpha/k", {{"If-None-Match", "*"}}, "first").status, 200);
	auto second = Send("PUT", "/alpha/k", {{"If-None-Match", "*"}}, "second");
	EXPECT_EQ(second.status, 412);
	EXPECT_EQ(Send("GET", "/alpha/k").body, "first");
}

TEST_F(HandlerTest, IfMatchPutNeedsTheCurrentEtag) {
	CreateBucket("alpha");
	Put("/alpha/k", "v1");
	std::string etag = Send("HEAD", "/alpha/k").Header("ETag");
	EXPECT_EQ(Send("PUT", "/alpha/k", {{"If-Match", "\"stale\""}}, "v2").status, 412);
	EXPECT_EQ(Send("PUT", "/alpha/k", {{"If-Match", etag}}, "v2").status, 200);
	EXPECT_EQ(Send("GET", "/alpha/k").body, "v2");
	EXPECT_EQ(Send("PUT", "/alpha/missing", {{"If-Match", etag}}, "v").error_code, "NoSuchKey");
}

TEST_F(HandlerTest, ConcurrentConditionalCreatesHaveExactlyOneWinner) {
	CreateBucket("alpha");
	constexpr int WRITERS = 8;
	std::vector<uint16_t> statuses(WRITERS);
	std::vector<std::thread> threads;
	for (int writer_idx = 0; writer_idx < WRITERS; writer_idx++) {
		threads.emplace_back([&, writer_idx] {
			statuses[writer_idx] =
			    Send("PUT", "/alpha/lock", {{"If-None-Match", "*"}}, "writer-" + std::to_string(writer_idx)).status;
		});
	}
	for (auto &thread : threads) {
		thread.join();
	}
	int winners = 0;
	std::string expected_body;
	for (int writer_idx = 0; writer_idx < WRITERS; writer_idx++) {
		if (statuses[writer_idx] == 200) {
			winners++;
			expected_body = "writer-" + std::to_string(writer_idx);
		} else {
			EXPECT_EQ(statuses[writer_idx], 412);
		}
	}
	EXPECT_EQ(winners, 1);
	EXPECT_EQ(Send("GET", "/alpha/lock").body, expected_body);
}

TEST_F(HandlerTest, ContentMd5IsVerified) {
	CreateBucket("alpha");
	std::string good = ducklake::s3::Base64Encode(ducklake::s3::Md5("payload"));
	EXPECT_EQ(Send("PUT", "/alpha/k", {{"Content-MD5", good}}, "payload").status, 200);
	auto bad = Send("PUT", "/alpha/k2", {{"Content-MD5", good}}, "tampered");
	EXPECT_EQ(bad.status, 400);
	EXPECT_EQ(bad.error_code, "BadDigest");
	EXPECT_EQ(Send("PUT", "/alpha/k3", {{"Content-MD5", "not-base64"}}, "x").error_code, "InvalidDigest");
	EXPECT_EQ(Send("GET", "/alpha/k2").status, 404);
}

TEST_F(HandlerTest, ChecksumHeaderIsVerifiedStoredAndReturned) {
	CreateBucket("alpha");
	// CRC32 of "123456789" is 0xCBF43926.
	std::string crc = ducklake::s3::Base64Encode(std::string("\xCB\xF4\x39\x26", 4));
	auto good = Send("PUT", "/alpha/k", {{"x-amz-checksum-crc32", crc}}, "123456789");
	EXPECT_EQ(good.status, 200);
	EXPECT_EQ(good.Header("x-amz-checksum-crc32"), crc);
	EXPECT_EQ(Send("PUT", "/alpha/k2", {{"x-amz-checksum-crc32", crc}}, "12345678X").error_code, "BadDigest");
	EXPECT_EQ(Send("GET", "/alpha/k", {{"x-amz-checksum-mode", "ENABLED"}}).Header("x-amz-checksum-crc32"), crc);
	EXPECT_EQ(Send("GET", "/alpha/k").Header("x-amz-checksum-crc32"), "");
}

TEST_F(HandlerTest, LargeBodiesAreVerifiedBeforeTheyAppear) {
	// Over 8 MiB announced: the body goes through the pipeline (writer, MD5 and the other digests on
	// threads of their own). Every digest is still checked, and a failed one leaves nothing behind.
	namespace s3 = ducklake::s3;
	CreateBucket("alpha");
	std::string body(9 * 1024 * 1024 + 123, '\0');
	for (size_t byte_idx = 0; byte_idx < body.size(); byte_idx++) {
		body[byte_idx] = char((byte_idx * 2654435761u) >> 13);
	}
	std::string tampered = body;
	tampered[body.size() / 2] ^= 1;
	std::string length = std::to_string(body.size());
	std::string md5 = s3::Base64Encode(s3::Md5(body));
	std::string sha256 = s3::Base64Encode(s3::Sha256(body));

	auto good = Send("PUT", "/alpha/big",
	                 {{"Content-Length", length}, {"Content-MD5", md5}, {"x-amz-checksum-sha256", sha256}}, body);
	ASSERT_EQ(good.status, 200) << good.body;
	EXPECT_EQ(good.Header("ETag"), "\"" + s3::HexEncode(s3::Md5(body)) + "\"");
	EXPECT_EQ(good.Header("x-amz-checksum-sha256"), sha256);
	EXPECT_TRUE(Send("GET", "/alpha/big").body == body);

	EXPECT_EQ(Send("PUT", "/alpha/k1", {{"Content-Length", length}, {"Content-MD5", md5}}, tampered).error_code,
	          "BadDigest");
	EXPECT_EQ(
	    Send("PUT", "/alpha/k2", {{"Content-Length", length}, {"x-amz-checksum-sha256", sha256}}, tampered).error_code,
	    "BadDigest");
	// Signed for one body, sent with another: x-amz-content-sha256 names the signed one.
	EXPECT_EQ(Send("PUT", "/alpha/k3", {{"Content-Length", length}}, tampered, true, s3::Sha256Hex(body)).error_code,
	          "XAmzContentSHA256Mismatch");
	for (auto key : {"k1", "k2", "k3"}) {
		EXPECT_EQ(Send("GET", std::string("/alpha/") + key).status, 404) << key;
	}
	// The failed uploads' temporary files are gone.
	size_t temp_files = 0;
	for (auto &entry : std::filesystem::directory_iterator(root + "/.s3d/tmp")) {
		temp_files += entry.is_regular_file() ? 1 : 0;
	}
	EXPECT_EQ(temp_files, 0u);
}

TEST_F(HandlerTest, CopyObjectCopiesOrReplacesMetadata) {
	CreateBucket("alpha");
	Put("/alpha/src", "content", {{"Content-Type", "text/x-a"}, {"x-amz-meta-tag", "one"}});
	auto copied = Send("PUT", "/alpha/dst", {{"x-amz-copy-source", "/alpha/src"}});
	EXPECT_EQ(copied.status, 200);
	EXPECT_NE(copied.body.find("<CopyObjectResult"), std::string::npos);
	auto dst = Send("GET", "/alpha/dst");
	EXPECT_EQ(dst.body, "content");
	EXPECT_EQ(dst.Header("x-amz-meta-tag"), "one");
	Send("PUT", "/alpha/dst2",
	     {{"x-amz-copy-source", "alpha/src"}, {"x-amz-metadata-directive", "REPLACE"}, {"Content-Type", "text/x-b"}});
	auto replaced = Send("GET", "/alpha/dst2");
	EXPECT_EQ(replaced.Header("Content-Type"), "text/x-b");
	EXPECT_EQ(replaced.Header("x-amz-meta-tag"), "");
	EXPECT_EQ(Send("PUT", "/alpha/src", {{"x-amz-copy-source", "/alpha/src"}}).error_code, "InvalidRequest");
	EXPECT_EQ(Send("PUT", "/alpha/x", {{"x-amz-copy-source", "/alpha/none"}}).error_code, "NoSuchKey");
}

TEST_F(HandlerTest, HealthEndpointNeedsNoAuth) {
	auto response = Send("GET", "/.s3d/health", {}, "", false);
	EXPECT_EQ(response.status, 200);
	EXPECT_EQ(response.body, "ok\n");
	handler->SetDraining();
	EXPECT_EQ(Send("GET", "/.s3d/health", {}, "", false).status, 503);
}

TEST_F(HandlerTest, TempFilesOfACrashedUploadAreRemovedAtStartup) {
	CreateBucket("alpha");
	std::string leftover = root + "/.s3d/tmp/partial-upload";
	{
		std::ofstream out(leftover);
		out << "half an object";
	}
	Reopen();
	EXPECT_FALSE(std::filesystem::exists(leftover));
	EXPECT_EQ(Send("GET", "/alpha?list-type=2").body.find("<Contents>"), std::string::npos);
}

TEST_F(HandlerTest, StaleSidecarIsIgnored) {
	CreateBucket("alpha");
	Put("/alpha/k", "original", {{"x-amz-meta-v", "1"}});
	// Simulate a crash between the data rename and the sidecar rename: new bytes, old sidecar.
	{
		std::ofstream out(root + "/alpha/k", std::ios::trunc);
		out << "replaced bytes";
	}
	auto get = Send("GET", "/alpha/k");
	EXPECT_EQ(get.body, "replaced bytes");
	EXPECT_EQ(get.Header("x-amz-meta-v"), "");
	EXPECT_NE(get.Header("ETag"), "\"" + ducklake::s3::HexEncode(ducklake::s3::Md5("original")) + "\"");
}

TEST_F(HandlerTest, UnversionedBucketAnswersVersionQueries) {
	CreateBucket("alpha");
	Put("/alpha/a", "1");
	Put("/alpha/dir/b", "2");
	auto versioning = Send("GET", "/alpha?versioning");
	EXPECT_EQ(versioning.status, 200);
	EXPECT_NE(versioning.body.find("<VersioningConfiguration"), std::string::npos);
	auto versions = Send("GET", "/alpha?versions&delimiter=%2F");
	EXPECT_EQ(versions.status, 200);
	EXPECT_NE(versions.body.find("<Key>a</Key><VersionId>null</VersionId><IsLatest>true</IsLatest>"),
	          std::string::npos);
	EXPECT_NE(versions.body.find("<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>"), std::string::npos);
}

TEST_F(HandlerTest, AclReadsReportOwnerFullControl) {
	CreateBucket("alpha");
	Put("/alpha/a", "1");
	EXPECT_NE(Send("GET", "/alpha?acl").body.find("<Permission>FULL_CONTROL</Permission>"), std::string::npos);
	EXPECT_NE(Send("GET", "/alpha/a?acl").body.find("<Permission>FULL_CONTROL</Permission>"), std::string::npos);
	EXPECT_EQ(Send("GET", "/alpha/missing?acl").error_code, "NoSuchKey");
	EXPECT_EQ(Send("PUT", "/alpha/a?tagging", {}, "<Tagging/>").error_code, "NotImplemented");
	EXPECT_EQ(Send("GET", "/alpha?policy").error_code, "NotImplemented");
}

TEST_F(HandlerTest, MetadataIsAnAttributeOfTheDataFile) {
	CreateBucket("alpha");
	Put("/alpha/dir/k", "data", {{"x-amz-meta-color", "blue"}});
	char value[4096];
	ssize_t length = getxattr((root + "/alpha/dir/k").c_str(), "user.ducklake.s3d", value, sizeof(value));
	ASSERT_GT(length, 0) << strerror(errno);
	EXPECT_NE(std::string(value, size_t(length)).find("blue"), std::string::npos);
	EXPECT_FALSE(std::filesystem::exists(root + "/alpha/dir/.s3d-meta.k"));
}

TEST_F(HandlerTest, SidecarOfAnOlderRootIsStillReadAndReplacedOnWrite) {
	CreateBucket("alpha");
	Put("/alpha/k", "data", {{"x-amz-meta-color", "blue"}});
	// Turn the object into what a server that kept metadata in sidecars left behind.
	std::string data_path = root + "/alpha/k";
	char value[4096];
	ssize_t length = getxattr(data_path.c_str(), "user.ducklake.s3d", value, sizeof(value));
	ASSERT_GT(length, 0);
	ASSERT_EQ(removexattr(data_path.c_str(), "user.ducklake.s3d"), 0);
	{
		std::ofstream out(root + "/alpha/.s3d-meta.k", std::ios::binary);
		out << std::string(value, size_t(length));
	}
	Reopen();
	auto get = Send("GET", "/alpha/k");
	EXPECT_EQ(get.Header("x-amz-meta-color"), "blue");
	EXPECT_EQ(get.Header("ETag"), "\"8d777f385d3dfec8815d20f7496026dc\"");
	Put("/alpha/k", "new data", {{"x-amz-meta-color", "green"}});
	EXPECT_FALSE(std::filesystem::exists(root + "/alpha/.s3d-meta.k"));
	EXPECT_EQ(Send("GET", "/alpha/k").Header("x-amz-meta-color"), "green");
}

TEST_F(HandlerTest, HashedKeysAreFoundAgainAfterRestart) {
	CreateBucket("alpha");
	Put("/alpha/folder/", "");
	Put("/alpha/a//b", "x");
	Reopen();
	auto list = Send("GET", "/alpha?list-type=2");
	EXPECT_NE(list.body.find("<Key>folder/</Key>"), std::string::npos) << list.body;
	EXPECT_NE(list.body.find("<Key>a//b</Key>"), std::string::npos) << list.body;
}

TEST(DirectorySync, ConcurrentCallersAllSeeTheirChangeSynced) {
	char pattern[] = "/tmp/s3d_dirsync_XXXXXX";
	std::string directory = mkdtemp(pattern);
	DirectorySync sync;
	std::atomic<int> synced {0};
	std::vector<std::thread> threads;
	for (int thread_idx = 0; thread_idx < 8; thread_idx++) {
		threads.emplace_back([&, thread_idx] {
			for (int change_idx = 0; change_idx < 20; change_idx++) {
				std::ofstream(directory + "/" + std::to_string(thread_idx) + "_" + std::to_string(change_idx)) << "x";
				synced += sync.SyncAfterChange(directory) ? 1 : 0;
			}
		});
	}
	for (auto &thread : threads) {
		thread.join();
	}
	EXPECT_EQ(synced.load(), 160);
	EXPECT_FALSE(sync.SyncAfterChange(directory + "/missing"));
	std::filesystem::remove_all(directory);
}
