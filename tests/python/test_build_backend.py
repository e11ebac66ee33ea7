"""The pip build backend (python/build_backend/tpp_build.py) without compiling: metadata, the
wheel's layout, tag and RECORD (packed from a stand-in module), and the sdist's files.
python.venv_install builds and installs it for real."""
import base64
import hashlib
import importlib.util
import pathlib
import sys
import sysconfig
import tarfile
import zipfile

import tpp

ROOT = pathlib.Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("tpp_build", ROOT / "python" / "build_backend" / "tpp_build.py")
backend = importlib.util.module_from_spec(spec)
spec.loader.exec_module(backend)


def test_version_and_metadata(tmp_path):
    assert backend.version() == tpp.__version__
    assert backend.get_requires_for_build_wheel() == [] == backend.get_requires_for_build_sdist()
    name = backend.prepare_metadata_for_build_wheel(str(tmp_path))
    assert name == f"tpp-{tpp.__version__}.dist-info"
    metadata = (tmp_path / name / "METADATA").read_text()
    assert "Metadata-Version: 2.1\nName: tpp\n" in metadata
    assert f"\nVersion: {tpp.__version__}\n" in metadata
    assert 'Requires-Dist: pandas; extra == "pandas"' in metadata
    # Python < 3.11 reads pyproject.toml without tomllib: the same table.
    text = (ROOT / "pyproject.toml").read_text()
    if sys.version_info >= (3, 11):
        import tomllib

        assert backend._read_project(text) == tomllib.loads(text)["project"]


def test_tag_is_the_interpreters():
    interpreter, abi, platform = backend.tag().split("-")
    assert interpreter == f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert abi.startswith(interpreter)
    assert platform == sysconfig.get_platform().replace("-", "_").replace(".", "_")


def test_wheel_layout_and_record(tmp_path):
    package = tmp_path / "build" / "python" / "tpp"
    package.mkdir(parents=True)
    for source in (ROOT / "python" / "tpp").glob("*.py"):
        (package / source.name).write_bytes(source.read_bytes())
    (package / ("_tpp" + sysconfig.get_config_var("EXT_SUFFIX"))).write_bytes(b"\x7fELF stand-in")
    name = backend._pack(str(tmp_path), package)
    assert name == f"tpp-{tpp.__version__}-{backend.tag()}.whl"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        names = wheel.namelist()
        dist_info = f"tpp-{tpp.__version__}.dist-info"
        assert {"tpp/__init__.py", "tpp/_frames.py", f"{dist_info}/METADATA", f"{dist_info}/WHEEL",
                f"{dist_info}/RECORD"} <= set(names)
        assert f"Tag: {backend.tag()}\n" in wheel.read(f"{dist_info}/WHEEL").decode()
        assert "Root-Is-Purelib: false" in wheel.read(f"{dist_info}/WHEEL").decode()
        record = wheel.read(f"{dist_info}/RECORD").decode().splitlines()
        assert sorted(line.split(",")[0] for line in record) == sorted(names)
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if path.endswith("RECORD"):
                assert digest == size == ""
                continue
            data = wheel.read(path)
            assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert int(size) == len(data)
        extension = next(i for i in wheel.infolist() if i.filename.startswith("tpp/_tpp"))
        assert (extension.external_attr >> 16) & 0o777 == 0o755


def test_sdist_holds_the_sources_and_no_builds(tmp_path):
    name = backend.build_sdist(str(tmp_path))
    base = f"tpp-{tpp.__version__}"
    assert name == f"{base}.tar.gz"
    with tarfile.open(tmp_path / name) as sdist:
        names = set(sdist.getnames())
        assert {f"{base}/PKG-INFO", f"{base}/pyproject.toml", f"{base}/CMakeLists.txt",
                f"{base}/python/module.cpp", f"{base}/python/build_backend/tpp_build.py",
                f"{base}/lib/include/tpp/version.hpp", f"{base}/chips/h20.json"} <= names
        assert not [n for n in names if n.split("/")[1].startswith("build") or "__pycache__" in n]
        assert sdist.extractfile(f"{base}/PKG-INFO").read().decode() == backend.metadata()
