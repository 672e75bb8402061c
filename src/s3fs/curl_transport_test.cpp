#include "s3fs/curl_transport.hpp"
#include "s3fs/local_web_server_test_support.hpp"
#include "support/loopback_port.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

std::string Pattern(size_t size) {
	std::string data(size, '\0');
	for (size_t byte_idx = 0; byte_idx < size; byte_idx++) {
		data[byte_idx] = static_cast<char>((byte_idx * 131 + 7) % 251);
	}
	return data;
}

} // namespace

class CurlTransportTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string error;
		if (!server.Start(error)) {
			GTEST_SKIP() << "needs a local nginx: " << error;
		}
	}
	LocalWebServer server;
};

TEST_F(CurlTransportTest, HeadReportsLengthAndEtag) {
	server.WriteFile("a.bin", Pattern(1000));
	CurlTransport transport;
	HttpRequest request;
	request.method = HttpMethod::HEAD;
	request.url = server.Url("a.bin");
	auto response = transport.Perform(request);
	ASSERT_TRUE(response.Succeeded()) << response.transport_message;
	ASSERT_NE(response.FindHeader("content-length"), nullptr);
	EXPECT_EQ(*response.FindHeader("content-length"), "1000");
	EXPECT_NE(response.FindHeader("etag"), nullptr);
	EXPECT_TRUE(response.body.empty());
}

TEST_F(CurlTransportTest, RangeGetWritesIntoTheCallersBuffer) {
	auto data = Pattern(100000);
	server.WriteFile("b.bin", data);
	CurlTransport transport;
	std::string buffer(500, '\0');
	HttpRequest request;
	request.url = server.Url("b.bin");
	request.headers.push_back({"Range", "bytes=1000-1499"});
	request.response_buffer = &buffer[0];
	request.response_buffer_size = buffer.size();
	auto response = transport.Perform(request);
	ASSERT_TRUE(response.Succeeded()) << response.transport_message;
	EXPECT_EQ(response.status, 206);
	EXPECT_EQ(response.response_buffer_bytes, 500u);
	EXPECT_EQ(buffer, data.substr(1000, 500));
}

TEST_F(CurlTransportTest, BodyLargerThanTheBufferIsAnOverflowNotACorruption) {
	server.WriteFile("c.bin", Pattern(4000));
	CurlTransport transport;
	std::string buffer(100, '\0');
	HttpRequest request;
	request.url = server.Url("c.bin");
	request.response_buffer = &buffer[0];
	request.response_buffer_size = buffer.size();
	auto response = transport.Perform(request);
	EXPECT_EQ(response.transport_error, TransportError::BODY_OVERFLOW);
}

TEST_F(CurlTransportTest, ErrorBodiesGoToTheResponseNotTheBuffer) {
	CurlTransport transport;
	std::string buffer(10, 'x');
	HttpRequest request;
	request.url = server.Url("missing.bin");
	request.response_buffer = &buffer[0];
	request.response_buffer_size = buffer.size();
	auto response = transport.Perform(request);
	EXPECT_EQ(response.status, 404);
	EXPECT_EQ(buffer, std::string(10, 'x'));
	EXPECT_NE(response.body.find("404"), std::string::npos);
}

TEST_F(CurlTransportTest, SequentialRequestsReuseOneKeepAliveHandle) {
	server.WriteFile("d.bin", Pattern(10));
	CurlTransport transport;
	HttpRequest request;
	request.url = server.Url("d.bin");
	const int request_count = 20;
	for (int request_idx = 0; request_idx < request_count; request_idx++) {
		ASSERT_TRUE(transport.Perform(request).Succeeded());
	}
	EXPECT_EQ(transport.Pool().CreatedCount(), 1u);
	EXPECT_EQ(transport.Pool().IdleCount(), 1u);
}

TEST(CurlTransport, RefusedConnectionIsAConnectError) {
	CurlTransport transport;
	HttpRequest request;
	request.url = "http://127.0.0.1:" + std::to_string(FindFreeLoopbackPort()) + "/x";
	auto response = transport.Perform(request);
	EXPECT_EQ(response.transport_error, TransportError::CONNECT);
	EXPECT_FALSE(response.transport_message.empty());
}

TEST(CurlTransport, ServerThatNeverAnswersTimesOut) {
	MisbehavingServer server(false);
	CurlTransportOptions options;
	options.request_timeout_ms = 300;
	CurlTransport transport(options);
	HttpRequest request;
	request.url = server.Url();
	auto response = transport.Perform(request);
	EXPECT_EQ(response.transport_error, TransportError::TIMEOUT);
}

TEST(CurlTransport, ServerThatHangsUpIsAConnectionReset) {
	MisbehavingServer server(true);
	CurlTransport transport;
	HttpRequest request;
	request.url = server.Url();
	auto response = transport.Perform(request);
	EXPECT_EQ(response.transport_error, TransportError::CONNECTION_RESET);
	EXPECT_EQ(transport.Pool().IdleCount(), 0u);
}

} // namespace ducklake
