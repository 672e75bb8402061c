// ducklake-s3d: parses flags and environment, opens the store, serves until SIGTERM.
#include "common/version.hpp"
#include "server/http_server.hpp"
#include "server/multipart_store.hpp"
#include "server/object_store.hpp"
#include "server/s3_handler.hpp"
#include "server/server_config.hpp"
#include "server/tls_context.hpp"

#include <csignal>
#include <iostream>
#include <map>

extern char **environ;

int main(int argc, char **argv) {
	using namespace ducklake::server;
	std::vector<std::string> arguments(argv + 1, argv + argc);
	std::map<std::string, std::string> environment;
	for (char **entry = environ; *entry; entry++) {
		std::string text(*entry);
		size_t equals = text.find('=');
		if (equals != std::string::npos) {
			environment[text.substr(0, equals)] = text.substr(equals + 1);
		}
	}
	auto config = ParseServerConfig(arguments, environment);
	if (!config.Ok()) {
		std::cerr << "ducklake-s3d: " << config.Error() << std::endl;
		return 2;
	}
	if (config.Value().show_help) {
		std::cout << ServerHelpText();
		return 0;
	}
	if (config.Value().show_version) {
		std::cout << "ducklake-s3d " << ducklake::ProjectVersion() << std::endl;
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	std::shared_ptr<TlsContext> tls;
	if (!config.Value().tls_cert_path.empty()) {
		auto loaded = TlsContext::Load(config.Value().tls_cert_path, config.Value().tls_key_path);
		if (!loaded.Ok()) {
			std::cerr << "ducklake-s3d: " << loaded.Error() << std::endl;
			return 2;
		}
		tls = loaded.Value();
	}
	ObjectStore objects(config.Value().root);
	auto opened = objects.Open();
	if (!opened.Ok()) {
		std::cerr << "ducklake-s3d: " << opened.Failure().message << std::endl;
		return 1;
	}
	MultipartStore uploads(objects);
	size_t expired = uploads.ExpireOlderThan(config.Value().multipart_expiry_seconds);
	HandlerConfig handler_config;
	handler_config.auth = config.Value().auth;
	handler_config.virtual_host_domains = config.Value().virtual_host_domains;
	S3Handler handler(handler_config, objects, uploads);
	HttpServer server(config.Value(), handler, tls);
	auto port = server.Listen();
	if (!port.Ok()) {
		std::cerr << "ducklake-s3d: " << port.Error() << std::endl;
		return 1;
	}
	std::cerr << "ducklake-s3d " << ducklake::ProjectVersion() << " serving " << config.Value().root << " on "
	          << (tls ? "https://" : "http://") << config.Value().listen_host << ":" << port.Value() << " (region "
	          << config.Value().auth.region << ", " << config.Value().auth.keys.size() << " access keys"
	          << (expired ? ", expired " + std::to_string(expired) + " abandoned uploads" : "") << ")" << std::endl;
	size_t unfinished = server.Run();
	return unfinished == 0 ? 0 : 1;
}
