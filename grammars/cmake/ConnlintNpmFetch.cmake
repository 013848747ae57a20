# Fetch npm package tarballs at configure time, pinned by version and verified by integrity.
#
#   connlint_base64_to_hex(<out-var> <base64>)
#   connlint_check_integrity(<file> <integrity> <ok-var> <detail-var>)
#   connlint_fetch_npm_tarball(<out-var> NAME <n> VERSION <v> INTEGRITY <sri> DOWNLOAD_DIR <dir>)
#   connlint_extract_npm_tarball(TARBALL <tgz> INTEGRITY <sri> DESTINATION <dir> [PATTERNS <p>...])
#
# A tarball already in DOWNLOAD_DIR with the right hash is used as it is: npm is not run (and not
# even looked for), so a configure with the tarballs present never touches the network.
include_guard(GLOBAL)

# Decodes standard base64 (RFC 4648, with '=' padding) into lowercase hex.
function(connlint_base64_to_hex out_var b64)
  string(LENGTH "${b64}" len)
  math(EXPR rem "${len} % 4")
  if(len EQUAL 0 OR NOT rem EQUAL 0 OR NOT b64 MATCHES "^[A-Za-z0-9+/]*=?=?$")
    message(FATAL_ERROR "connlint_base64_to_hex: not valid base64: '${b64}'")
  endif()
  set(alphabet "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  set(hexdigits "0123456789abcdef")
  set(hex "")
  set(acc 0)
  set(bits 0)
  math(EXPR last "${len} - 1")
  foreach(i RANGE 0 ${last})
    string(SUBSTRING "${b64}" ${i} 1 c)
    if(c STREQUAL "=")
      break()
    endif()
    string(FIND "${alphabet}" "${c}" v)
    # Keep only the bits not yet emitted (at most 6 + 6 are pending).
    math(EXPR acc "((${acc} << 6) | ${v}) & 4095")
    math(EXPR bits "${bits} + 6")
    if(bits GREATER_EQUAL 8)
      math(EXPR bits "${bits} - 8")
      math(EXPR hi "(${acc} >> (${bits} + 4)) & 15")
      math(EXPR lo "(${acc} >> ${bits}) & 15")
      string(SUBSTRING "${hexdigits}" ${hi} 1 h)
      string(SUBSTRING "${hexdigits}" ${lo} 1 l)
      string(APPEND hex "${h}${l}")
    endif()
  endforeach()
  set(${out_var} "${hex}" PARENT_SCOPE)
endfunction()

# Checks <file> against an SRI integrity string ("sha512-<base64>", possibly several entries
# separated by spaces; every entry with a supported algorithm must match, and at least one must
# be supported). Sets <ok-var> to TRUE/FALSE and <detail-var> to a human-readable explanation.
function(connlint_check_integrity file integrity ok_var detail_var)
  string(REGEX REPLACE "[ \t\r\n]+" ";" entries "${integrity}")
  set(checked 0)
  set(ok TRUE)
  set(detail "")
  foreach(entry IN LISTS entries)
    if(entry STREQUAL "")
      continue()
    endif()
    if(NOT entry MATCHES "^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+=*)(\\?.*)?$")
      continue()
    endif()
    string(TOUPPER "${CMAKE_MATCH_1}" algo)
    set(b64 "${CMAKE_MATCH_2}")
    connlint_base64_to_hex(expected "${b64}")
    file(${algo} "${file}" actual)
    math(EXPR checked "${checked} + 1")
    if(NOT actual STREQUAL expected)
      set(ok FALSE)
      string(APPEND detail "\n  ${algo} expected: ${expected}\n  ${algo} actual:   ${actual}")
    endif()
  endforeach()
  if(checked EQUAL 0)
    message(FATAL_ERROR "connlint_check_integrity: no supported hash (sha512/sha384/sha256/sha1) "
                        "in integrity string '${integrity}'")
  endif()
  set(${ok_var} ${ok} PARENT_SCOPE)
  set(${detail_var} "${detail}" PARENT_SCOPE)
endfunction()

function(connlint_fetch_npm_tarball out_var)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME;VERSION;INTEGRITY;DOWNLOAD_DIR" "")
  foreach(req NAME VERSION INTEGRITY DOWNLOAD_DIR)
    if(NOT arg_${req})
      message(FATAL_ERROR "connlint_fetch_npm_tarball: ${req} is required")
    endif()
  endforeach()
  set(spec "${arg_NAME}@${arg_VERSION}")
  # npm pack's file name: "@scope/name" becomes "scope-name".
  string(REGEX REPLACE "^@" "" file_stem "${arg_NAME}")
  string(REPLACE "/" "-" file_stem "${file_stem}")
  set(file_name "${file_stem}-${arg_VERSION}.tgz")
  set(tarball "${arg_DOWNLOAD_DIR}/${file_name}")

  if(EXISTS "${tarball}")
    connlint_check_integrity("${tarball}" "${arg_INTEGRITY}" ok detail)
    if(ok)
      message(STATUS "connlint: ${spec}: using verified ${tarball}")
      set(${out_var} "${tarball}" PARENT_SCOPE)
      return()
    endif()
    message(WARNING "connlint: ${tarball} does not match the pinned integrity of ${spec};"
                    " removing it and fetching again.${detail}")
    file(REMOVE "${tarball}")
  endif()

  find_program(CONNLINT_NPM_EXECUTABLE NAMES npm DOC "npm client used to fetch the grammar packages")
  if(NOT CONNLINT_NPM_EXECUTABLE)
    message(FATAL_ERROR
      "connlint: ${spec} is needed but npm was not found, and ${tarball} is absent.\n"
      "Install npm (./setup.sh deps), or put the verified tarball in CONNLINT_DOWNLOAD_DIR "
      "(${arg_DOWNLOAD_DIR}).")
  endif()

  # Pack into a private directory first, so that only a verified file ever lands in DOWNLOAD_DIR.
  set(tmp_dir "${arg_DOWNLOAD_DIR}/.tmp-${file_stem}-${arg_VERSION}")
  file(REMOVE_RECURSE "${tmp_dir}")
  file(MAKE_DIRECTORY "${tmp_dir}")
  message(STATUS "connlint: fetching ${spec} with npm pack")
  execute_process(
    COMMAND "${CONNLINT_NPM_EXECUTABLE}" pack --ignore-scripts --pack-destination "${tmp_dir}" "${spec}"
    WORKING_DIRECTORY "${tmp_dir}"
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${tmp_dir}/${file_name}")
    file(REMOVE_RECURSE "${tmp_dir}")
    message(FATAL_ERROR
      "connlint: `npm pack ${spec}` failed (exit ${rc}); expected ${file_name}.\n${out}\n${err}")
  endif()
  connlint_check_integrity("${tmp_dir}/${file_name}" "${arg_INTEGRITY}" ok detail)
  if(NOT ok)
    file(RENAME "${tmp_dir}/${file_name}" "${arg_DOWNLOAD_DIR}/${file_name}.rejected")
    file(REMOVE_RECURSE "${tmp_dir}")
    message(FATAL_ERROR
      "connlint: INTEGRITY MISMATCH for ${spec}: the tarball npm returned does not match the pin "
      "(${arg_INTEGRITY}).${detail}\n"
      "The rejected file was kept as ${arg_DOWNLOAD_DIR}/${file_name}.rejected. "
      "If the pin itself is wrong, take the value from `npm view ${spec} dist.integrity`.")
  endif()
  file(RENAME "${tmp_dir}/${file_name}" "${tarball}")
  file(REMOVE_RECURSE "${tmp_dir}")
  message(STATUS "connlint: ${spec}: fetched and verified ${tarball}")
  set(${out_var} "${tarball}" PARENT_SCOPE)
endfunction()

# Extracts TARBALL into DESTINATION (entries keep their "package/" prefix), unless a stamp shows
# that the same INTEGRITY was already extracted there and every CHECK_FILES path still exists.
function(connlint_extract_npm_tarball)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARBALL;INTEGRITY;DESTINATION" "PATTERNS;CHECK_FILES")
  set(stamp "${arg_DESTINATION}/.connlint-extracted")
  if(EXISTS "${stamp}")
    file(READ "${stamp}" stamped)
    set(complete TRUE)
    foreach(f IN LISTS arg_CHECK_FILES)
      if(NOT EXISTS "${arg_DESTINATION}/${f}")
        set(complete FALSE)
      endif()
    endforeach()
    if(complete AND stamped STREQUAL arg_INTEGRITY)
      return()
    endif()
  endif()
  file(REMOVE_RECURSE "${arg_DESTINATION}")
  file(MAKE_DIRECTORY "${arg_DESTINATION}")
  if(arg_PATTERNS)
    file(ARCHIVE_EXTRACT INPUT "${arg_TARBALL}" DESTINATION "${arg_DESTINATION}" PATTERNS ${arg_PATTERNS})
  else()
    file(ARCHIVE_EXTRACT INPUT "${arg_TARBALL}" DESTINATION "${arg_DESTINATION}")
  endif()
  foreach(f IN LISTS arg_CHECK_FILES)
    if(NOT EXISTS "${arg_DESTINATION}/${f}")
      message(FATAL_ERROR "connlint: ${arg_TARBALL} has no ${f}")
    endif()
  endforeach()
  file(WRITE "${stamp}" "${arg_INTEGRITY}")
endfunction()
