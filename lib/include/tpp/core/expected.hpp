// tpp::expected / tpp::unexpected: std::expected where the standard library has it (g++ 12+),
// else a minimal equivalent with the same interface (clang up to 18 cannot use libstdc++'s
// <expected>, and the fuzzers are built with clang).
#pragma once

#if __has_include(<expected>)
#include <expected>
#endif

#if defined(__cpp_lib_expected)

namespace tpp {
template <class T, class E>
using expected = std::expected<T, E>;
using std::unexpected;
}  // namespace tpp

#else

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace tpp {

template <class E>
class unexpected {
 public:
  constexpr explicit unexpected(E error) : error_(std::move(error)) {}
  constexpr const E& error() const& noexcept { return error_; }
  constexpr E& error() & noexcept { return error_; }
  constexpr E&& error() && noexcept { return std::move(error_); }

 private:
  E error_;
};
template <class E>
unexpected(E) -> unexpected<E>;

class bad_expected_access : public std::exception {
 public:
  const char* what() const noexcept override { return "bad expected access"; }
};

namespace detail {
template <class U>
struct is_unexpected : std::false_type {};
template <class E>
struct is_unexpected<unexpected<E>> : std::true_type {};
}  // namespace detail

template <class T, class E>
class expected {
 public:
  using value_type = T;
  using error_type = E;

  expected() requires std::is_default_constructible_v<T> : state_(std::in_place_index<0>) {}
  template <class U = T>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, expected> &&
           !detail::is_unexpected<std::remove_cvref_t<U>>::value) expected(U&& value)
      : state_(std::in_place_index<0>, std::forward<U>(value)) {}
  template <class G>
  expected(const unexpected<G>& error) : state_(std::in_place_index<1>, error.error()) {}
  template <class G>
  expected(unexpected<G>&& error) : state_(std::in_place_index<1>, std::move(error).error()) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }
  T& operator*() & { return std::get<0>(state_); }
  const T& operator*() const& { return std::get<0>(state_); }
  T&& operator*() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }
  T& value() & { return has_value() ? **this : throw bad_expected_access(); }
  const T& value() const& { return has_value() ? **this : throw bad_expected_access(); }
  T&& value() && { return has_value() ? std::move(**this) : throw bad_expected_access(); }
  const E& error() const& { return std::get<1>(state_); }
  E& error() & { return std::get<1>(state_); }
  E&& error() && { return std::get<1>(std::move(state_)); }
  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? **this : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> state_;
};

template <class E>
class expected<void, E> {
 public:
  using value_type = void;
  using error_type = E;

  expected() = default;
  template <class G>
  expected(const unexpected<G>& error) : error_(error.error()) {}
  template <class G>
  expected(unexpected<G>&& error) : error_(std::move(error).error()) {}

  bool has_value() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  void value() const {
    if (!has_value()) throw bad_expected_access();
  }
  const E& error() const& { return *error_; }
  E& error() & { return *error_; }
  E&& error() && { return std::move(*error_); }

 private:
  std::optional<E> error_;
};

}  // namespace tpp

#endif
