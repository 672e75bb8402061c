#include "s3/xml_document.hpp"

namespace ducklake {
namespace s3 {

static std::string_view LocalName(std::string_view name) {
	size_t colon = name.find(':');
	return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

Result<ParsedXml> ParseXmlDocument(std::string_view xml, std::string_view root_name) {
	if (xml.size() > XML_DOCUMENT_BYTES_MAX) {
		return Result<ParsedXml>::Failure(std::string(root_name) + " document is " + std::to_string(xml.size()) +
		                                  " bytes; at most " + std::to_string(XML_DOCUMENT_BYTES_MAX) + " are allowed");
	}
	ParsedXml parsed;
	parsed.document = std::make_shared<pugi::xml_document>();
	auto status = parsed.document->load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
	if (!status) {
		return Result<ParsedXml>::Failure(std::string(root_name) + " document is not well-formed XML: " +
		                                  status.description() + " at offset " + std::to_string(status.offset));
	}
	parsed.root = parsed.document->document_element();
	if (!parsed.root || LocalName(parsed.root.name()) != root_name) {
		return Result<ParsedXml>::Failure("expected XML root element <" + std::string(root_name) + ">, found <" +
		                                  std::string(parsed.root ? parsed.root.name() : "") + ">");
	}
	return Result<ParsedXml>::Success(std::move(parsed));
}

std::string ChildText(const pugi::xml_node &node, const char *name) {
	return node.child(name).text().as_string();
}

} // namespace s3
} // namespace ducklake
