"""The PEP 517 build backend of tpp's Python package (pyproject.toml names it).

CMake builds the library and the module in Release, nothing else (no command, tests or
benchmarks), for the interpreter running this backend; the wheel is packed here with zipfile.
It needs cmake, a C++20 compiler, pybind11-dev and that interpreter's headers, and nothing from
a package index: Debian 12 has no scikit-build-core, so this is what `python3 -m pip install
--no-build-isolation .` runs.

config_settings (pip: --config-settings KEY=VALUE):
  build-dir  keep the CMake build in this folder (default: a temporary one, removed after)
  jobs       parallel compile jobs (default: CMAKE_BUILD_PARALLEL_LEVEL, else every core)
"""
import base64
import hashlib
import io
import os
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAME = "tpp"

__all__ = [
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_wheel",
]


def version():
    """The library's version, from lib/include/tpp/version.hpp (CMake reads the same lines)."""
    text = (ROOT / "lib" / "include" / "tpp" / "version.hpp").read_text()
    parts = []
    for part in ("MAJOR", "MINOR", "PATCH"):
        found = re.search(rf"^#define TPP_VERSION_{part} (\d+)$", text, re.M)
        if not found:
            raise RuntimeError(f"tpp_build: no TPP_VERSION_{part} in lib/include/tpp/version.hpp")
        parts.append(found.group(1))
    return ".".join(parts)


def _project():
    """pyproject.toml's [project] table (and its optional-dependencies)."""
    text = (ROOT / "pyproject.toml").read_text()
    try:
        import tomllib
    except ImportError:  # Python < 3.11: the few shapes our pyproject.toml uses
        return _read_project(text)
    return tomllib.loads(text)["project"]


def _read_project(text):
    project, table = {}, None
    for raw in text.splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            table = line.strip("[]")
            continue
        key, _, value = (part.strip() for part in line.partition("="))
        value = re.findall(r'"([^"]*)"', value) if value.startswith("[") else value.strip('"')
        if table == "project":
            project[key] = value
        elif table == "project.optional-dependencies":
            project.setdefault("optional-dependencies", {})[key] = value
    return project


def metadata():
    """The core metadata (METADATA in the wheel, PKG-INFO in the sdist)."""
    project = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version()}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
    ]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {r}; extra == "{extra}"' for r in requirements]
    return "\n".join(lines) + "\n"


def tag():
    """The wheel's tag for the running interpreter, e.g. cp311-cp311-linux_x86_64."""
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    soabi = sysconfig.get_config_var("SOABI") or ""
    found = re.match(r"cpython-(\d+)(\w*)", soabi)
    abi = f"cp{found.group(1)}{found.group(2)}" if found else interpreter
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{abi}-{platform}"


def _dist_info():
    return f"{NAME}-{version()}.dist-info"


def _wheel_file():
    return (f"Wheel-Version: 1.0\nGenerator: tpp_build {version()}\nRoot-Is-Purelib: false\n"
            f"Tag: {tag()}\n")


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    target = pathlib.Path(metadata_directory) / _dist_info()
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(metadata())
    (target / "WHEEL").write_text(_wheel_file())
    return target.name


def _run(command):
    print("tpp_build:", " ".join(command), file=sys.stderr, flush=True)
    try:
        subprocess.run(command, check=True, stdout=sys.stderr)
    except FileNotFoundError as error:
        raise RuntimeError(f"tpp_build: {command[0]} is missing: install cmake, a C++20 "
                           "compiler, pybind11-dev and python3-dev (tools/install-deps.sh "
                           "--test)") from error


def _cmake(build_dir, settings):
    """Configures and builds the library and the module only, for this interpreter."""
    generator = ["-G", "Ninja"] if shutil.which("ninja") and not (
        pathlib.Path(build_dir) / "CMakeCache.txt").exists() else []
    _run(["cmake", "-S", str(ROOT), "-B", str(build_dir), *generator,
          "-DCMAKE_BUILD_TYPE=Release", "-DTPP_BUILD_TOOLS=OFF", "-DTPP_BUILD_TESTS=OFF",
          "-DTPP_BUILD_BENCH=OFF", "-DTPP_BUILD_PYTHON=ON", "-DTPP_INSTALL=OFF",
          f"-DPython3_EXECUTABLE={sys.executable}"])
    jobs = str(settings.get("jobs") or os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL")
               or os.cpu_count() or 1)
    _run(["cmake", "--build", str(build_dir), "--target", "tpp_python", "--parallel", jobs])


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _add(archive, arcname, data, mode):
    info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def _pack(wheel_directory, package):
    """The wheel: tpp/*.py, the compiled tpp/_tpp module, and the .dist-info."""
    extension = "_tpp" + sysconfig.get_config_var("EXT_SUFFIX")
    if not (package / extension).exists():
        raise RuntimeError(f"tpp_build: the build made no {package / extension}")
    files = [(f"{NAME}/{p.name}", p.read_bytes(), 0o644) for p in sorted(package.glob("*.py"))]
    files.append((f"{NAME}/{extension}", (package / extension).read_bytes(), 0o755))
    dist_info = _dist_info()
    files.append((f"{dist_info}/METADATA", metadata().encode(), 0o644))
    files.append((f"{dist_info}/WHEEL", _wheel_file().encode(), 0o644))
    record = [_record_line(name, data) for name, data, _ in files] + [f"{dist_info}/RECORD,,"]
    files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode(), 0o644))
    wheel = f"{NAME}-{version()}-{tag()}.whl"
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / wheel, "w") as archive:
        for name, data, mode in files:
            _add(archive, name, data, mode)
    return wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    settings = config_settings or {}
    build_dir = settings.get("build-dir")
    temporary = None if build_dir else tempfile.mkdtemp(prefix="tpp-wheel-")
    try:
        _cmake(build_dir or temporary, settings)
        return _pack(wheel_directory, pathlib.Path(build_dir or temporary) / "python" / NAME)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def _source_files():
    """The repository's files: git's list (tracked and new, not ignored) in a clone, else every
    file but build folders and caches."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"], check=True, capture_output=True).stdout.decode().split("\0")
        return sorted(p for p in listed if p and (ROOT / p).is_file())
    skipped = re.compile(r"(^|/)(\.git|build[^/]*|__pycache__)(/|$)")
    return sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                  if p.is_file() and not skipped.search(str(p.relative_to(ROOT))))


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{version()}"
    name = f"{base}.tar.gz"
    with tarfile.open(pathlib.Path(sdist_directory) / name, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        def clean(info):
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            return info

        for path in _source_files():
            tar.add(ROOT / path, arcname=f"{base}/{path}", recursive=False, filter=clean)
        data = metadata().encode()
        info = clean(tarfile.TarInfo(f"{base}/PKG-INFO"))
        info.size = len(data)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))
    return name
