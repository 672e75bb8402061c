#include "cli/command_load.hpp"

#include "workload/progress_bar.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace ducklake {

std::string FormatCount(uint64_t value) {
	auto digits = std::to_string(value);
	std::string result;
	for (size_t digit_idx = 0; digit_idx < digits.size(); digit_idx++) {
		if (digit_idx > 0 && (digits.size() - digit_idx) % 3 == 0) {
			result += ',';
		}
		result += digits[digit_idx];
	}
	return result;
}

static std::string Seconds(double seconds) {
	char text[32];
	std::snprintf(text, sizeof(text), "%.2f s", seconds);
	return text;
}

TaxiLoadReport LoadWithProgress(duckdb::Connection &connection, const TaxiLoadOptions &options, bool interactive,
                                std::ostream &out) {
	auto month_start = std::chrono::steady_clock::now();
	auto on_progress = [&](const TaxiLoadProgress &progress) {
		auto label = "  " + progress.month.ToString() + " ";
		if (progress.stage == "downloading") {
			month_start = std::chrono::steady_clock::now();
			out << label << "downloading...\n" << std::flush;
		} else if (progress.stage == "skipped") {
			out << label << "already loaded (" << FormatCount(progress.rows_total) << " rows), skipped\n" << std::flush;
		} else if (progress.stage == "loading") {
			if (progress.rows_done == 0) {
				month_start = std::chrono::steady_clock::now();
			}
			if (interactive) {
				out << "\r" << label << RenderProgressBar(progress.rows_done, progress.rows_total) << std::flush;
			}
		} else if (progress.stage == "committed") {
			auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - month_start).count();
			auto rate = seconds > 0 ? uint64_t(double(progress.rows_done) / seconds) : 0;
			out << (interactive ? "\r" : "") << label << RenderProgressBar(progress.rows_done, progress.rows_total)
			    << " in " << Seconds(seconds) << " (" << FormatCount(rate) << " rows/s)\n"
			    << std::flush;
		}
	};
	auto report = LoadTaxiMonths(connection, options, on_progress);
	if (!report.error.empty() && interactive) {
		out << "\n";
	}
	return report;
}

static TaxiLoadOptions LoadOptionsFrom(const TaxiArguments &arguments, const std::string &table, std::string &error) {
	TaxiLoadOptions options;
	auto months = ParseMonthRange(arguments.months);
	error = months.error;
	options.months = months.months;
	options.source = arguments.source;
	options.rows_per_month = arguments.rows_per_month;
	options.seed = arguments.seed;
	options.table = table;
	return options;
}

int RunLoadCommand(int argc, char **argv) {
	static const char *usage = "usage: ducklake load nyc-taxi [options]\n";
	if (argc < 2 || std::string(argv[1]) != "nyc-taxi") {
		if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
			std::cout << usage << TaxiArgumentsHelp(taxi_generator_rows_per_month_default);
			return 0;
		}
		std::cerr << "ducklake load: the only data set is nyc-taxi (NYC TLC yellow-taxi trips)\n" << usage;
		return 2;
	}
	TaxiArguments arguments;
	auto error = ParseTaxiArguments(argc, argv, 2, arguments);
	if (!error.empty()) {
		std::cerr << "ducklake load nyc-taxi: " << error << "\n";
		return 2;
	}
	if (arguments.help) {
		std::cout << usage << TaxiArgumentsHelp(taxi_generator_rows_per_month_default);
		return 0;
	}
	if (arguments.stack) {
		std::cerr << "ducklake load nyc-taxi: --stack is accepted by `ducklake demo` only\n";
		return 2;
	}
	auto target = OpenWorkloadTarget(arguments);
	auto options = LoadOptionsFrom(arguments, target.table, error);
	if (!error.empty()) {
		std::cerr << "ducklake load nyc-taxi: " << error << "\n";
		return 2;
	}
	if (!target.error.empty()) {
		std::cerr << "ducklake load nyc-taxi: " << target.error << "\n";
		return 1;
	}
	std::cout << target.description << "\n";
	std::cout << "loading " << arguments.months << " into " << options.table << " from "
	          << (options.source.empty() ? "the generator (" + FormatCount(options.rows_per_month) + " rows/month)"
	                                     : options.source)
	          << "\n";
	auto start = std::chrono::steady_clock::now();
	auto report = LoadWithProgress(*target.connection, options, isatty(STDOUT_FILENO), std::cout);
	if (!report.error.empty()) {
		std::cerr << "ducklake load nyc-taxi: " << report.error
		          << "\n  months loaded before the failure stay loaded; fix the cause and re-run the same command\n";
		return 1;
	}
	auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
	std::cout << "loaded " << FormatCount(report.RowsLoaded()) << " rows in " << Seconds(seconds);
	if (report.RowsLoaded() > 0 && seconds > 0) {
		std::cout << " (" << FormatCount(uint64_t(double(report.RowsLoaded()) / seconds)) << " rows/s)";
	}
	std::cout << "\n";
	return 0;
}

} // namespace ducklake
