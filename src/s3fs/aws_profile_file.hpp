//===----------------------------------------------------------------------===//
// AwsProfileFile: the AWS shared credentials (~/.aws/credentials) and config (~/.aws/config) files.
//
// Pure parsing of the INI dialect the AWS CLI writes: `[section]` headers, `key = value` lines,
// `#` and `;` comment lines, keys case-insensitive, surrounding blanks trimmed. In the credentials
// file a profile's section is its name; in the config file it is `profile NAME`, except `default`.
// Indented continuation lines (nested settings such as `s3 =` blocks) are skipped. Unparsable lines
// are skipped too, like the AWS CLI does, so one odd line never hides the other profiles.
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>

namespace ducklake {

enum class AwsProfileFileKind : uint8_t { CREDENTIALS, CONFIG };

//! section name -> (lower-case key -> value)
using AwsIniSections = std::map<std::string, std::map<std::string, std::string>>;

AwsIniSections ParseAwsIni(const std::string &text);

//! The keys of `profile` in a parsed file of the given kind; empty when the profile is absent.
std::map<std::string, std::string> FindAwsProfile(const AwsIniSections &sections, AwsProfileFileKind kind,
                                                  const std::string &profile);

} // namespace ducklake
