# Builds and runs a consumer of tpp:
#   -DMODE=find_package|add_subdirectory|pkg_config|pkg_config_native|pkg_config_c
#   -DTPP_SOURCE_DIR= -DTPP_BUILD_DIR= -DWORK_DIR=
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

set(here ${CMAKE_CURRENT_LIST_DIR})
set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR}/${MODE})
if(MODE STREQUAL "find_package" OR MODE MATCHES "^pkg_config")
  run(${CMAKE_COMMAND} --install ${TPP_BUILD_DIR} --prefix ${prefix})
endif()
if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} -S ${here}/find_package -B ${WORK_DIR}/${MODE} -G Ninja
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/${MODE})
  set(program ${WORK_DIR}/${MODE}/consumer)
elseif(MODE STREQUAL "add_subdirectory")
  run(${CMAKE_COMMAND} -S ${here}/add_subdirectory -B ${WORK_DIR}/${MODE} -G Ninja
      -DCMAKE_BUILD_TYPE=Release -DTPP_SOURCE_DIR=${TPP_SOURCE_DIR})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/${MODE} --target consumer)
  set(program ${WORK_DIR}/${MODE}/consumer)
elseif(MODE MATCHES "^pkg_config")
  # Nothing but what pkg-config says: a C++ program, the same built for this CPU
  # (-march=native) against the library built without it (the public types' layout must not
  # depend on compile flags: Eigen's did, a crash at exit freeing them), and a plain C program
  # built with gcc, not g++.
  set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
  run(pkg-config --cflags --libs --static tpp)
  string(STRIP "${last_output}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  if(MODE STREQUAL "pkg_config_c")
    set(compile gcc -std=c11 -O1 ${here}/main.c)
  elseif(MODE STREQUAL "pkg_config_native")
    set(compile g++ -std=c++23 -O2 -march=native ${here}/main.cpp)
  else()
    set(compile g++ -std=c++23 -O1 ${here}/main.cpp)
  endif()
  file(MAKE_DIRECTORY ${WORK_DIR}/${MODE})
  run(${compile} ${flags} -o ${WORK_DIR}/${MODE}/consumer)
  set(program ${WORK_DIR}/${MODE}/consumer)
endif()
run(${program})
if(NOT last_output MATCHES "consumer: tpp [0-9.]+, h20 TPP 2368 not-controlled")
  message(FATAL_ERROR "unexpected output: ${last_output}")
endif()
message(STATUS "${last_output}")
