#include "cli/interrupt_handler.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <poll.h>
#include <thread>

using ducklake::InterruptHandler;

namespace {

bool Readable(int fd) {
	struct pollfd poll_fd = {fd, POLLIN, 0};
	return poll(&poll_fd, 1, 0) == 1 && (poll_fd.revents & POLLIN);
}

} // namespace

TEST(InterruptHandler, SigintOutsideAQueryIsPendingAndWakesTheReader) {
	auto &handler = InterruptHandler::Install();
	handler.TakePendingInterrupt();
	EXPECT_FALSE(Readable(handler.WakeFd()));

	ASSERT_EQ(raise(SIGINT), 0);

	EXPECT_TRUE(Readable(handler.WakeFd()));
	EXPECT_TRUE(handler.TakePendingInterrupt());
	EXPECT_FALSE(handler.TakePendingInterrupt()) << "taking the interrupt clears it";
	EXPECT_FALSE(Readable(handler.WakeFd())) << "taking the interrupt drains the wake pipe";
}

TEST(InterruptHandler, SigintDuringAQueryInterruptsItAndTheConnectionStaysUsable) {
	auto &handler = InterruptHandler::Install();
	handler.TakePendingInterrupt();
	duckdb::DuckDB db(nullptr);
	duckdb::Connection connection(db);

	duckdb::unique_ptr<duckdb::MaterializedQueryResult> result;
	std::atomic<bool> in_scope {false};
	std::atomic<bool> finished {false};
	std::thread query([&]() {
		InterruptHandler::QueryScope scope(handler, connection);
		in_scope = true;
		result = connection.Query("SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000) b");
		finished = true;
	});
	// DuckDB clears the interrupt flag when a query starts, so a SIGINT that lands between the scope
	// and the query start is lost: signal twice at most (the third would end the process).
	constexpr int wait_rounds_max = 400;
	constexpr int signals_max = 2;
	int signals_sent = 0;
	for (int round = 0; round < wait_rounds_max && !finished; round++) {
		std::this_thread::sleep_for(std::chrono::milliseconds(50));
		if (in_scope && signals_sent < signals_max && round % 10 == 9) {
			raise(SIGINT);
			signals_sent++;
		}
	}
	bool finished_by_signal = finished;
	if (!finished_by_signal) {
		connection.Interrupt(); // end the query anyway so the thread can be joined
	}
	query.join();
	ASSERT_TRUE(finished_by_signal) << "the query was not interrupted within " << wait_rounds_max * 50 << " ms";
	ASSERT_TRUE(result);
	ASSERT_TRUE(result->HasError());
	EXPECT_EQ(result->GetErrorObject().Type(), duckdb::ExceptionType::INTERRUPT) << result->GetError();

	auto after = connection.Query("SELECT 42");
	ASSERT_FALSE(after->HasError()) << after->GetError();
	EXPECT_EQ(after->GetValue(0, 0).GetValue<int32_t>(), 42);
}
