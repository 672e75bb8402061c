//===----------------------------------------------------------------------===//
// s3 byte encodings: lower-case hex and standard base64 (RFC 4648, with padding)
//
// SigV4 signatures and SHA-256 payload hashes travel as lower-case hex; Content-MD5 and the
// x-amz-checksum-* headers travel as base64 of the raw digest. Decoders reject anything that is
// not exactly that alphabet, so a malformed header is an error and never a silent truncation.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

//! Lower-case hex of raw bytes ("\x01\xab" -> "01ab").
std::string HexEncode(std::string_view bytes);
//! Raw bytes of a hex string (either case). Fails on odd length or a non-hex character.
Result<std::string> HexDecode(std::string_view hex);

//! Standard base64 with '=' padding.
std::string Base64Encode(std::string_view bytes);
//! Decodes standard base64; padding is required when the length is not a multiple of 4.
//! Fails on characters outside the alphabet or misplaced padding.
Result<std::string> Base64Decode(std::string_view text);

} // namespace s3
} // namespace ducklake
