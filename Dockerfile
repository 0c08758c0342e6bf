# The dashboard in a container: N Streamlit processes behind nginx, as `make serve WORKERS=N` runs them.
#   docker build -t sstc-dashboard .
#   docker run -p 8501:8501 -e WORKERS=2 sstc-dashboard          (then http://localhost:8501)
# Another dataset: mount it and name it, e.g. -v "$PWD/mine.yaml:/data/mine.yaml:ro" -e SSTC_DATA=/data/mine.yaml
FROM python:3.11-slim-bookworm

# Chromium's headless shell draws charts saved as images (PNG, SVG: plotly's static export through kaleido).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light fonts-dejavu-core chromium-headless-shell \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The app's runtime packages only: no test, lint or benchmark tools (those are in requirements-dev.txt, for `make`).
# .dockerignore keeps tests/, benchmarks/, docs/, node_modules/ and the like out of the image.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

# The app never writes to its dataset; a non-root user cannot.
RUN useradd --system --home /app sstc && chown -R sstc /app/.streamlit
USER sstc
ENV WORKERS=2 PORT=8501
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/_stcore/health')"
CMD ["sh", "-c", "exec python -m app.devserver --workers \"$WORKERS\" --port \"$PORT\" --host 0.0.0.0"]
