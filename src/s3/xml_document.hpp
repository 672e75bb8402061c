//===----------------------------------------------------------------------===//
// s3 XML reading: one guarded entry point into pugixml for every S3 document we parse
//
// Bounds the input size, rejects documents that are not well-formed or whose root is not the
// expected element, and hands back the root. Shared by the list, error, multipart and delete
// parsers so each of them deals only with the fields of its own document.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

//! Largest XML document we parse (a 1000-key listing with 1 KiB keys is about 1.5 MiB).
constexpr size_t XML_DOCUMENT_BYTES_MAX = 64 * 1024 * 1024;

struct ParsedXml {
	std::shared_ptr<pugi::xml_document> document;
	pugi::xml_node root;
};

//! Parses `xml` and checks that the root element is named `root_name` (namespace prefixes ignored).
//! `what` names the document in error messages ("ListBucketResult").
Result<ParsedXml> ParseXmlDocument(std::string_view xml, std::string_view root_name);

//! The text of child element `name`, or "" when absent.
std::string ChildText(const pugi::xml_node &node, const char *name);

} // namespace s3
} // namespace ducklake
