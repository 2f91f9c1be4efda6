#!/usr/bin/env bash
# Optional system packages. Converters for old formats: antiword/catdoc for .doc, Tesseract with its
# Vietnamese model for scanned PDFs; LibreOffice (headless, no GUI) with Times-compatible fonts, with
# which the tests turn Word files into .pdf and .doc as offices do; Chromium and its driver for the
# web interface's browser tests. Best effort: without them those
# files are reported as failures with the reason (and those tests skip), never a crash. Needs root
# and apt-get; skipped otherwise. Also Java (Debian's OpenJDK 17) for the optional Spark job.
set -uo pipefail
missing=()
command -v antiword >/dev/null || missing+=(antiword)
command -v catdoc >/dev/null || missing+=(catdoc)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
# Tesseract without its Vietnamese model cannot OCR Vietnamese scans.
tesseract --list-langs 2>/dev/null | grep -qx vie || missing+=(tesseract-ocr-vie)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
# Liberation Serif has Times New Roman's metrics: cells wrap where Word wraps them.
fc-list 2>/dev/null | grep -q LiberationSerif || missing+=(fonts-liberation2)
# Java for the Spark job (`vanthu spark-import`): Spark 4 runs on Java 17 or 21; Debian 12 has 17.
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
# `vanthu serve`'s browser tests drive Debian's Chromium through its WebDriver (Selenium).
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "vanthu setup: to read .doc and scanned PDFs (and run the tests on LibreOffice-made files), to run the Spark job and the browser tests, install: ${missing[*]}" >&2
    exit 0
fi
echo "vanthu setup: installing ${missing[*]}…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || echo "vanthu setup: could not install ${missing[*]}" >&2
exit 0
