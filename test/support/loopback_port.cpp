#include "support/loopback_port.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace ducklake {

namespace {

sockaddr_in LoopbackAddress(uint16_t port) {
	sockaddr_in address {};
	address.sin_family = AF_INET;
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	address.sin_port = htons(port);
	return address;
}

} // namespace

uint16_t FindFreeLoopbackPort() {
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		throw std::runtime_error("cannot find a free loopback port: socket() failed: " + std::string(strerror(errno)));
	}
	auto address = LoopbackAddress(0);
	socklen_t length = sizeof(address);
	if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0 ||
	    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
		auto message = std::string(strerror(errno));
		close(fd);
		throw std::runtime_error("cannot find a free loopback port: " + message);
	}
	close(fd);
	return ntohs(address.sin_port);
}

bool LoopbackPortAccepts(uint16_t port) {
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return false;
	}
	auto address = LoopbackAddress(port);
	bool connected = connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
	close(fd);
	return connected;
}

} // namespace ducklake
