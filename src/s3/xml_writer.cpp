#include "s3/xml_writer.hpp"

#include <cstdio>

namespace ducklake {
namespace s3 {

std::string XmlEscape(std::string_view text) {
	std::string out;
	out.reserve(text.size());
	for (char c : text) {
		switch (c) {
		case '&':
			out += "&amp;";
			break;
		case '<':
			out += "&lt;";
			break;
		case '>':
			out += "&gt;";
			break;
		case '"':
			out += "&quot;";
			break;
		case '\'':
			out += "&apos;";
			break;
		default:
			if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				char reference[8];
				std::snprintf(reference, sizeof(reference), "&#x%X;", static_cast<unsigned>(c));
				out += reference;
			} else {
				out.push_back(c);
			}
		}
	}
	return out;
}

XmlWriter::XmlWriter() {
	out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

XmlWriter &XmlWriter::Open(std::string_view name, std::string_view xml_namespace) {
	out.push_back('<');
	out += name;
	if (!xml_namespace.empty()) {
		out += " xmlns=\"";
		out += XmlEscape(xml_namespace);
		out.push_back('"');
	}
	out.push_back('>');
	open_elements.emplace_back(name);
	return *this;
}

XmlWriter &XmlWriter::Close() {
	if (open_elements.empty()) {
		return *this;
	}
	out += "</";
	out += open_elements.back();
	out.push_back('>');
	open_elements.pop_back();
	return *this;
}

XmlWriter &XmlWriter::Element(std::string_view name, std::string_view text) {
	out.push_back('<');
	out += name;
	out.push_back('>');
	out += XmlEscape(text);
	out += "</";
	out += name;
	out.push_back('>');
	return *this;
}

XmlWriter &XmlWriter::Element(std::string_view name, uint64_t number) {
	return Element(name, std::string_view(std::to_string(number)));
}

XmlWriter &XmlWriter::Element(std::string_view name, bool flag) {
	return Element(name, std::string_view(flag ? "true" : "false"));
}

std::string XmlWriter::Finish() {
	while (!open_elements.empty()) {
		Close();
	}
	return std::move(out);
}

} // namespace s3
} // namespace ducklake
