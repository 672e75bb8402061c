// S3 XML documents: render, parse back, and reject malformed input.
#include "s3/delete_objects_xml.hpp"
#include "s3/error_xml.hpp"
#include "s3/list_objects_xml.hpp"
#include "s3/multipart_xml.hpp"
#include "s3/xml_writer.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(XmlWriter, EscapesTextAndControlCharacters) {
	EXPECT_EQ(XmlEscape("a<b>&\"'\x01"), "a&lt;b&gt;&amp;&quot;&apos;&#x1;");
	XmlWriter xml;
	xml.Open("A", "ns").Element("B", std::string_view("x")).Element("C", uint64_t(3));
	EXPECT_EQ(xml.Finish(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<A xmlns=\"ns\"><B>x</B><C>3</C></A>");
}

TEST(ListObjectsXml, V2RoundTrip) {
	ListObjectsPage page;
	page.bucket = "b";
	page.prefix = "dir/";
	page.delimiter = "/";
	page.max_keys = 2;
	page.is_truncated = true;
	page.next_continuation_token = "tok";
	page.contents.push_back({"dir/a <&>.txt", 1369353600, "\"etag\"", 42, "STANDARD"});
	page.common_prefixes.push_back("dir/sub/");
	std::string xml = RenderListObjects(page);
	EXPECT_NE(xml.find("<KeyCount>2</KeyCount>"), std::string::npos);
	auto parsed = ParseListObjects(xml);
	ASSERT_TRUE(parsed.Ok()) << parsed.Error();
	EXPECT_TRUE(parsed.Value().v2);
	EXPECT_TRUE(parsed.Value().is_truncated);
	EXPECT_EQ(parsed.Value().next_continuation_token, "tok");
	ASSERT_EQ(parsed.Value().contents.size(), 1u);
	EXPECT_EQ(parsed.Value().contents[0].key, "dir/a <&>.txt");
	EXPECT_EQ(parsed.Value().contents[0].size, 42u);
	EXPECT_EQ(parsed.Value().contents[0].last_modified_epoch_seconds, 1369353600);
	EXPECT_EQ(parsed.Value().common_prefixes, std::vector<std::string> {"dir/sub/"});
}

TEST(ListObjectsXml, UrlEncodingCarriesControlCharactersAndIsDecoded) {
	ListObjectsPage page;
	page.v2 = false;
	page.bucket = "b";
	page.encoding_type = "url";
	page.contents.push_back({"a\x01 b+c", 0, "\"e\"", 1, "STANDARD"});
	std::string xml = RenderListObjects(page);
	EXPECT_NE(xml.find("<Key>a%01%20b%2Bc</Key>"), std::string::npos);
	auto parsed = ParseListObjects(xml);
	ASSERT_TRUE(parsed.Ok()) << parsed.Error();
	EXPECT_FALSE(parsed.Value().v2);
	EXPECT_EQ(parsed.Value().contents[0].key, "a\x01 b+c");
}

TEST(ListObjectsXml, MalformedDocumentsFail) {
	EXPECT_FALSE(ParseListObjects("<ListBucketResult><IsTruncated>true").Ok());
	EXPECT_NE(ParseListObjects("<Error><Code>x</Code></Error>").Error().find("expected XML root"), std::string::npos);
	EXPECT_NE(ParseListObjects("<ListBucketResult><IsTruncated>maybe</IsTruncated></ListBucketResult>")
	              .Error()
	              .find("IsTruncated"),
	          std::string::npos);
	EXPECT_FALSE(ParseListObjects("").Ok());
}

TEST(ErrorXml, RoundTripKeepsExtraFields) {
	S3ErrorBody error {"NoSuchKey", "The specified key does not exist.", "/b/k", "req-1", "b", "k", {{"Hint", "h"}}};
	auto parsed = ParseErrorXml(RenderErrorXml(error));
	ASSERT_TRUE(parsed.Ok()) << parsed.Error();
	EXPECT_EQ(parsed.Value().code, "NoSuchKey");
	EXPECT_EQ(parsed.Value().key, "k");
	ASSERT_EQ(parsed.Value().extra.size(), 1u);
	EXPECT_EQ(parsed.Value().extra[0].name, "Hint");
	EXPECT_FALSE(ParseErrorXml("<Error><Message>m</Message></Error>").Ok());
}

TEST(MultipartXml, CompleteRequestRoundTripAndValidation) {
	std::vector<CompletedPart> parts {{1, "\"a\""}, {3, "\"b\""}};
	auto parsed = ParseCompleteMultipartUpload(RenderCompleteMultipartUpload(parts));
	ASSERT_TRUE(parsed.Ok()) << parsed.Error();
	EXPECT_EQ(parsed.Value().size(), 2u);
	EXPECT_EQ(parsed.Value()[1].part_number, 3u);
	EXPECT_EQ(parsed.Value()[1].etag, "\"b\"");
	auto unordered = ParseCompleteMultipartUpload(RenderCompleteMultipartUpload({{2, "x"}, {1, "y"}}));
	EXPECT_EQ(unordered.Error().rfind("InvalidPartOrder:", 0), 0u);
	EXPECT_FALSE(ParseCompleteMultipartUpload(RenderCompleteMultipartUpload({{0, "x"}})).Ok());
	EXPECT_FALSE(ParseCompleteMultipartUpload(RenderCompleteMultipartUpload({{10001, "x"}})).Ok());
	EXPECT_FALSE(ParseCompleteMultipartUpload("<CompleteMultipartUpload/>").Ok());
	EXPECT_FALSE(
	    ParseCompleteMultipartUpload("<CompleteMultipartUpload><Part><PartNumber>-1</PartNumber><ETag>x</ETag></Part>"
	                                 "</CompleteMultipartUpload>")
	        .Ok());
}

TEST(MultipartXml, InitiateAndCompleteResults) {
	auto initiate = ParseInitiateMultipartUploadResult(RenderInitiateMultipartUploadResult({"b", "k", "up-1"}));
	ASSERT_TRUE(initiate.Ok());
	EXPECT_EQ(initiate.Value().upload_id, "up-1");
	auto complete = ParseCompleteMultipartUploadResult(
	    RenderCompleteMultipartUploadResult({"http://h/b/k", "b", "k", "\"abc-2\""}));
	ASSERT_TRUE(complete.Ok());
	EXPECT_EQ(complete.Value().etag, "\"abc-2\"");
}

TEST(DeleteObjectsXml, RequestAndResult) {
	auto request = ParseDeleteObjectsRequest(RenderDeleteObjectsRequest({true, {"a", "b/c"}}));
	ASSERT_TRUE(request.Ok()) << request.Error();
	EXPECT_TRUE(request.Value().quiet);
	EXPECT_EQ(request.Value().keys.size(), 2u);
	EXPECT_FALSE(ParseDeleteObjectsRequest("<Delete><Object></Object></Delete>").Ok());
	DeleteObjectsRequest too_many;
	too_many.keys.assign(1001, "k");
	EXPECT_NE(ParseDeleteObjectsRequest(RenderDeleteObjectsRequest(too_many)).Error().find("more than 1000"),
	          std::string::npos);
	auto result = ParseDeleteObjectsResult(RenderDeleteObjectsResult({{"a"}, {{"b", "AccessDenied", "no"}}}));
	ASSERT_TRUE(result.Ok());
	EXPECT_EQ(result.Value().deleted, std::vector<std::string> {"a"});
	EXPECT_EQ(result.Value().errors[0].code, "AccessDenied");
}
