//===----------------------------------------------------------------------===//
// s3 XmlWriter: a small streaming writer for S3's XML documents
//
// S3 responses are flat, known-shape documents; a writer that appends escaped text to one string is
// faster and simpler than building a DOM. Element names are trusted (they are literals in our code);
// text is always escaped, and characters XML 1.0 cannot carry (control characters other than tab,
// CR, LF) are written as numeric references so that no key can break the document.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

constexpr const char *S3_XML_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

//! Escapes &, <, >, ", ' and control characters for XML text or attribute values.
std::string XmlEscape(std::string_view text);

class XmlWriter {
public:
	//! Starts the document with the XML declaration.
	XmlWriter();
	//! Opens <name> (with xmlns="..." when `xml_namespace` is not empty).
	XmlWriter &Open(std::string_view name, std::string_view xml_namespace = "");
	//! Closes the innermost open element.
	XmlWriter &Close();
	//! <name>escaped text</name>
	XmlWriter &Element(std::string_view name, std::string_view text);
	XmlWriter &Element(std::string_view name, uint64_t number);
	XmlWriter &Element(std::string_view name, bool flag);
	//! Closes whatever is still open and returns the document.
	std::string Finish();

private:
	std::string out;
	std::vector<std::string> open_elements;
};

} // namespace s3
} // namespace ducklake
