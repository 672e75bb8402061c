#include "cli/cli_arguments.hpp"

#include "cli/dot_commands.hpp"
#include "cli/subcommand.hpp"
#include "common/version.hpp"

namespace ducklake {

namespace {

CliParseResult Fail(const std::string &error) {
	return {false, error + " (see ducklake --help)", CliArguments()};
}

} // namespace

CliParseResult ParseCliArguments(const std::vector<std::string> &args) {
	CliParseResult parsed {true, "", CliArguments()};
	auto &arguments = parsed.arguments;
	bool lake_chosen = false;
	bool options_ended = false;
	for (size_t arg_idx = 0; arg_idx < args.size(); arg_idx++) {
		std::string arg = args[arg_idx];
		if (options_ended || arg.empty() || arg[0] != '-') {
			if (!arguments.database_path.empty()) {
				return Fail("more than one database given: '" + arguments.database_path + "' and '" + arg +
				            "'; pass at most one DATABASE");
			}
			arguments.database_path = arg;
			continue;
		}
		if (arg == "--") {
			options_ended = true;
			continue;
		}
		std::string value;
		bool has_inline_value = false;
		auto equals = arg.find('=');
		if (arg.compare(0, 2, "--") == 0 && equals != std::string::npos) {
			value = arg.substr(equals + 1);
			arg = arg.substr(0, equals);
			has_inline_value = true;
		}
		auto takes_value = [&](std::string &out) -> bool {
			if (has_inline_value) {
				out = value;
				return true;
			}
			if (arg_idx + 1 >= args.size()) {
				return false;
			}
			out = args[++arg_idx];
			return true;
		};
		if (arg == "-h" || arg == "--help") {
			arguments.show_help = true;
		} else if (arg == "--version") {
			arguments.show_version = true;
		} else if (arg == "-c" || arg == "--command") {
			ScriptSource source {ScriptSource::Kind::SQL, ""};
			if (!takes_value(source.text)) {
				return Fail(arg + " needs the SQL to run, e.g. -c \"SELECT 42\"");
			}
			arguments.scripts.push_back(source);
		} else if (arg == "-f" || arg == "--file") {
			ScriptSource source {ScriptSource::Kind::FILE, ""};
			if (!takes_value(source.text) || source.text.empty()) {
				return Fail(arg + " needs a file of SQL statements, e.g. -f setup.sql");
			}
			arguments.scripts.push_back(source);
		} else if (arg == "-m" || arg == "--mode") {
			std::string name;
			if (!takes_value(name) || !ParseOutputMode(name, arguments.mode)) {
				return Fail(arg + " needs an output mode: one of " + OutputModeNames() +
				            (name.empty() ? std::string() : "; got '" + name + "'"));
			}
		} else if (arg == "--lake") {
			if (!takes_value(arguments.lake.uri) || arguments.lake.uri.empty()) {
				return Fail("--lake needs a catalog URI, e.g. --lake ducklake:other/metadata.ducklake");
			}
			lake_chosen = true;
		} else if (arg == "--data") {
			if (!takes_value(arguments.lake.data_path) || arguments.lake.data_path.empty()) {
				return Fail("--data needs a data path, e.g. --data ./lake/data/ or --data s3://bucket/lake/");
			}
			lake_chosen = true;
		} else if (arg == "--no-lake") {
			arguments.lake.enabled = false;
		} else {
			return Fail("unknown option '" + arg + "'");
		}
	}
	if (lake_chosen && !arguments.lake.enabled) {
		return Fail("--no-lake cannot be combined with --lake or --data");
	}
	return parsed;
}

std::string CliHelpText() {
	return "ducklake " + std::string(ProjectVersion()) +
	       ": a SQL shell on DuckDB with the DuckLake catalog\n"
	       "\n"
	       "Usage:\n"
	       "  ducklake [DATABASE] [-c SQL]... [-f FILE]... [options]\n"
	       "  ducklake SUBCOMMAND [ARGS...]\n"
	       "\n"
	       "Examples:\n"
	       "  ducklake                              interactive shell; the lake in ./lake is attached as `lake`\n"
	       "  ducklake -c \"SELECT 42\"               run one statement and print a box table\n"
	       "  ducklake -c \"CREATE TABLE t AS SELECT range AS i FROM range(3)\" -c \"FROM t\"\n"
	       "                                        -c and -f run in order; the first error stops the run\n"
	       "  ducklake -f setup.sql -m csv          run a file of statements, print results as CSV\n"
	       "  echo \"SELECT 1 AS one;\" | ducklake -m json\n"
	       "                                        statements from a pipe, results as JSON\n"
	       "  ducklake my.duckdb --no-lake          a DuckDB database file, no lake attached\n"
	       "  ducklake --lake ducklake:postgres:dbname=lake --data s3://bucket/lake/\n"
	       "                                        another DuckLake catalog and data path\n"
	       "\n"
	       "Options:\n"
	       "  -c, --command SQL   run SQL (may repeat); without -c/-f, stdin is read\n"
	       "  -f, --file FILE     run the statements and dot commands in FILE (may repeat)\n"
	       "  -m, --mode MODE     output mode: " +
	       OutputModeNames() +
	       " (default box)\n"
	       "  --lake URI          the DuckLake catalog to attach as `lake` (default "
	       "ducklake:./lake/metadata.ducklake)\n"
	       "  --data PATH         where the lake keeps its data files (default ./lake/data/ for the default lake)\n"
	       "  --no-lake           attach no lake; DATABASE (or an in-memory database) is the default\n"
	       "  -h, --help          this help\n"
	       "  --version           ducklake's and DuckDB's versions\n"
	       "\n"
	       "Input and output:\n"
	       "  A statement ends at ';' (DuckDB's parser decides, so ';' in strings and comments is safe); a\n"
	       "  last statement without ';' still runs at the end of a file or pipe. Box tables show at most 40\n"
	       "  rows and fit the terminal width (120 columns when not a terminal); the other modes print every\n"
	       "  row. Errors go to stderr.\n"
	       "\n"
	       "Interactive shell (stdin is a terminal):\n"
	       "  Line editing and history (~/.ducklake_history, or the file named by DUCKLAKE_HISTORY); Tab\n"
	       "  completes keywords, tables, columns and functions, and file names inside '...'. Ctrl-C\n"
	       "  cancels the running query or clears the input, Ctrl-D leaves. A progress bar shows for\n"
	       "  queries that run longer than 2 seconds. Dot commands:\n" +
	       DotCommandHelp() +
	       "\n"
	       "Subcommands:\n" +
	       SubcommandHelp() +
	       "\n"
	       "Environment:\n"
	       "  DUCKLAKE_HUGE_PAGES=on|off  DuckDB's blocks of 2 MiB and more on transparent huge pages (default on\n"
	       "                              where the kernel offers them; fewer page faults on large scans)\n"
	       "  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL, AWS_PROFILE: s3:// credentials\n"
	       "                              and endpoint when no secret names them\n"
	       "\n"
	       "Exit status: 0 success, 1 a statement, file or the lake attach failed, 2 bad usage, 130 Ctrl-C.\n";
}

std::string CliVersionText(const std::string &duckdb_version, const std::string &duckdb_source_id) {
	return "ducklake " + std::string(ProjectVersion()) + "\nDuckDB " + duckdb_version + " (source id " +
	       duckdb_source_id + ")\n";
}

} // namespace ducklake
