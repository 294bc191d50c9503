/* geo map runtime: programme layers grouped by section, kind legend,
 * search, unplaced list and the WGS-84 -> GCJ-02 shift for Gaode tiles.
 *
 * Every string in `data` whose key or slot says "html" was escaped in Python
 * (geo/_html.py); this file only joins those strings with fixed markup.
 * Raw strings (the search index) are only compared, never inserted.
 */
(function () {
  'use strict';

  // ---- GCJ-02: a line-by-line port of geo/coords.py wgs84_to_gcj02 ----
  var A = 6378245.0;
  var EE = 0.00669342162296594323;
  var PI = Math.PI;

  function outOfChina(lat, lon) {
    return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
  }

  function wgs84ToGcj02(lat, lon) {
    if (outOfChina(lat, lon)) { return [lat, lon]; }
    var x = lon - 105.0, y = lat - 35.0;
    var dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
      + (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0
      + (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0
      + (160.0 * Math.sin(y / 12.0 * PI) + 320.0 * Math.sin(y * PI / 30.0)) * 2.0 / 3.0;
    var dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
      + (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0
      + (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0
      + (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2.0 / 3.0;
    var radlat = lat / 180.0 * PI;
    var magic = 1 - EE * Math.pow(Math.sin(radlat), 2);
    var sqrtmagic = Math.sqrt(magic);
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtmagic) * PI);
    dlon = (dlon * 180.0) / (A / sqrtmagic * Math.cos(radlat) * PI);
    return [lat + dlat, lon + dlon];
  }

  // Slots of a place record; keep in step with geo/maps.py _place_record.
  var P_NAME = 0, P_EN = 1, P_KIND = 2, P_PRECISION = 3, P_SOURCE = 4,
    P_NOTE = 5, P_PROGS = 6, P_QUOTES = 7, P_GEOM = 8, P_EXACT = 9;

  function geometryOf(g) {
    return Array.isArray(g) ? { type: 'Point', coordinates: g } : g;
  }

  function markedSentence(text, offsets) {
    var out = '', last = 0;
    for (var k = 0; k + 1 < offsets.length; k += 2) {
      out += text.slice(last, offsets[k]) + '<mark>' + text.slice(offsets[k], offsets[k + 1]) + '</mark>';
      last = offsets[k + 1];
    }
    return out + text.slice(last);
  }

  function popupHtml(data, i) {
    var p = data.places[i], kind = data.kinds[p[P_KIND]], L10n = data.labels;
    var html = '<div class="geo-popup"><div class="geo-name">' + p[P_NAME];
    if (p[P_EN]) { html += ' <span class="geo-en">' + p[P_EN] + '</span>'; }
    html += '</div><div class="geo-meta"><span class="geo-kind" style="background:' + kind[1] + '"></span>'
      + kind[2] + ' · ' + L10n.precision + ': ' + data.precisions[p[P_PRECISION]] + '</div>';
    if (p[P_PROGS].length) {
      html += '<div class="geo-h">' + L10n.programmes + '</div><ul class="geo-progs">';
      p[P_PROGS].forEach(function (j) { html += '<li>' + (data.programmes[j] || j) + '</li>'; });
      html += '</ul>';
    }
    p[P_QUOTES].forEach(function (q) {
      html += '<blockquote>' + markedSentence(data.sentences[q[0]], q[1]) + '</blockquote>';
    });
    if (p[P_NOTE]) { html += '<div class="geo-note">' + p[P_NOTE] + '</div>'; }
    if (p[P_SOURCE] >= 0) { html += '<div class="geo-src">' + L10n.source + ': ' + data.sources[p[P_SOURCE]] + '</div>'; }
    return html + '</div>';
  }

  function styleFor(data, i, isLine) {
    var p = data.places[i], colour = data.kinds[p[P_KIND]][1];
    var dash = p[P_EXACT] ? null : '5 4';
    if (isLine) { return { color: colour, weight: 4, opacity: 0.85, dashArray: dash }; }
    return { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.1, dashArray: dash };
  }

  function pointStyle(data, i) {
    var p = data.places[i], colour = data.kinds[p[P_KIND]][1];
    return {
      radius: data.embed ? 5 : 6, fillColor: colour, fillOpacity: 0.9,
      color: p[P_EXACT] ? '#ffffff' : '#333333', weight: p[P_EXACT] ? 1.5 : 1.2,
      dashArray: p[P_EXACT] ? null : '2 2'
    };
  }

  function geoJsonFor(data, ids) {
    return L.geoJSON({
      type: 'FeatureCollection',
      features: ids.map(function (i) {
        return { type: 'Feature', geometry: geometryOf(data.places[i][P_GEOM]), properties: { i: i } };
      })
    }, {
      pointToLayer: function (f, latlng) { return L.circleMarker(latlng, pointStyle(data, f.properties.i)); },
      // GeoJSON applies `style` to points too, so it must cover them.
      style: function (f) {
        var t = f.geometry.type, i = f.properties.i;
        if (t === 'Point' || t === 'MultiPoint') { return pointStyle(data, i); }
        return styleFor(data, i, t === 'LineString' || t === 'MultiLineString');
      }
    });
  }

  // One programme (or "beyond") layer: one GeoJSON layer, points clustered
  // only when the layer is big enough for clustering to help.
  function buildLayer(state, spec) {
    var data = state.data, root, cluster = null;
    var clusterIt = spec.cluster && typeof L.markerClusterGroup === 'function';
    if (clusterIt) {
      var pts = [], rest = [];
      spec.places.forEach(function (i) { (Array.isArray(data.places[i][P_GEOM]) ? pts : rest).push(i); });
      cluster = L.markerClusterGroup({ chunkedLoading: false, showCoverageOnHover: false, disableClusteringAtZoom: 17 });
      cluster.addLayers(geoJsonFor(data, pts).getLayers());
      var others = geoJsonFor(data, rest);
      // Leaflet 1.9 cannot bind a tooltip on a group holding a cluster group
      // (it asks every child for getElement), so bind on both parts.
      bindInfo(data, cluster);
      bindInfo(data, others);
      root = L.featureGroup([cluster, others]);
    } else {
      root = bindInfo(data, geoJsonFor(data, spec.places));
    }
    root.geoSpec = spec;
    root.geoCluster = cluster;
    root.geoKinds = {};
    spec.places.forEach(function (i) { root.geoKinds[data.places[i][P_KIND]] = true; });
    return root;
  }

  // One tooltip and one popup per group, filled from the hovered leaf: far
  // cheaper than one of each per feature when there are thousands.
  function bindInfo(data, group) {
    group.bindTooltip(function (leaf) { return data.places[leaf.feature.properties.i][P_NAME]; });
    group.bindPopup(function (leaf) { return popupHtml(data, leaf.feature.properties.i); }, { maxWidth: 360 });
    return group;
  }

  function eachLeaf(root, fn) {
    root.eachLayer(function (l) {
      if (l instanceof L.LayerGroup) { eachLeaf(l, fn); } else { fn(l); }
    });
  }

  function convertLatLngs(ll, gcj) {
    if (Array.isArray(ll)) { return ll.map(function (x) { return convertLatLngs(x, gcj); }); }
    if (!gcj) { return ll; }
    var g = wgs84ToGcj02(ll.lat, ll.lng);
    return L.latLng(g[0], g[1]);
  }

  function shiftLeaf(leaf, gcj) {
    if (leaf.getLatLng) {
      if (!leaf.geoOrig) { leaf.geoOrig = leaf.getLatLng(); }
      leaf.setLatLng(convertLatLngs(leaf.geoOrig, gcj));
    } else if (leaf.getLatLngs) {
      if (!leaf.geoOrig) { leaf.geoOrig = leaf.getLatLngs(); }
      leaf.setLatLngs(convertLatLngs(leaf.geoOrig, gcj));
    }
  }

  // Gaode tiles are drawn in GCJ-02; our data is WGS-84. Shift every overlay
  // (programme layers, beyond, outline) so they sit on the right streets.
  function shiftAll(state, gcj) {
    if (state.gcj === gcj) { return; }
    state.gcj = gcj;
    state.roots.concat(state.outline ? [state.outline] : []).forEach(function (root) {
      var cluster = root.geoCluster;
      if (cluster) {
        var markers = cluster.getLayers();
        cluster.clearLayers();
        markers.forEach(function (m) { shiftLeaf(m, gcj); });
        cluster.addLayers(markers);
      }
      eachLeaf(root, function (leaf) { if (!cluster || !cluster.hasLayer(leaf)) { shiftLeaf(leaf, gcj); } });
    });
  }

  // One canvas draws everything in insertion order, and a layer switched back
  // on lands on top; keep areas (and the outline) under lines and points so
  // an area never hides or swallows clicks meant for the sites inside it.
  function keepAreasBelow(state) {
    state.roots.forEach(function (root) {
      if (!state.map.hasLayer(root)) { return; }
      eachLeaf(root, function (leaf) {
        if (leaf instanceof L.Polygon && leaf._map) { leaf.bringToBack(); }
      });
    });
    if (state.outline && state.map.hasLayer(state.outline)) { state.outline.bringToBack(); }
  }

  var GroupedLayers = L.Control.Layers.extend({
    // Leaflet builds the list in insertion order; we add a header row
    // whenever the section (group) changes.
    _update: function () {
      this._geoLastGroup = null;
      return L.Control.Layers.prototype._update.call(this);
    },
    _addItem: function (obj) {
      var label = L.Control.Layers.prototype._addItem.call(this, obj);
      var group = obj.overlay ? obj.layer.geoGroup : null;
      if (group && group !== this._geoLastGroup) {
        var header = L.DomUtil.create('div', 'geo-group');
        header.innerHTML = group;
        label.parentNode.insertBefore(header, label);
        this._geoLastGroup = group;
      }
      return label;
    }
  });

  function legendControl(state) {
    var ctl = L.control({ position: 'bottomright' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'geo-legend leaflet-bar' + (state.data.embed ? ' geo-compact' : ''));
      L.DomEvent.disableClickPropagation(div);
      state.legendDiv = div;
      updateLegend(state);
      return div;
    };
    return ctl;
  }

  function updateLegend(state) {
    if (!state.legendDiv) { return; }
    var shown = {}, any = false, data = state.data;
    state.roots.forEach(function (r) {
      if (state.map.hasLayer(r)) { for (var k in r.geoKinds) { shown[k] = true; any = true; } }
    });
    var html = '<div class="geo-legend-title">' + data.labels.legend + '</div>';
    data.kinds.forEach(function (kind, k) {
      if (shown[k]) {
        html += '<div class="geo-legend-row" data-kind="' + kind[0] + '"><span class="geo-kind" style="background:'
          + kind[1] + '"></span>' + kind[2] + '</div>';
      }
    });
    if (!data.embed) { html += '<div class="geo-legend-note">' + data.labels.approx + '</div>'; }
    state.legendDiv.innerHTML = html;
    state.legendDiv.style.display = any ? '' : 'none';
  }

  function searchControl(state) {
    var ctl = L.control({ position: 'topleft' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'geo-search leaflet-bar');
      var input = L.DomUtil.create('input', '', div);
      var list = L.DomUtil.create('ul', '', div);
      input.type = 'search';
      input.placeholder = state.data.labels.search;
      input.setAttribute('aria-label', state.data.labels.search);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      L.DomEvent.on(input, 'input', function () { showMatches(state, input.value, list); });
      L.DomEvent.on(list, 'click', function (e) {
        var li = e.target.closest('li[data-i]');
        if (li) { focusPlace(state, +li.getAttribute('data-i')); setTimeout(function () { list.innerHTML = ''; }, 0); }
      });
      return div;
    };
    return ctl;
  }

  function showMatches(state, query, list) {
    var q = query.trim().toLowerCase(), html = '', n = 0, data = state.data;
    if (q) {
      for (var i = 0; i < data.search.length && n < 12; i++) {
        if (!state.leaves[i]) { continue; }
        // The escaped name equals the raw one unless it holds & < > " ' (then
        // the raw name is in data.search too); aliases are raw strings.
        var names = [data.places[i][P_NAME]].concat(data.search[i]);
        for (var k = 0; k < names.length; k++) {
          if (names[k].toLowerCase().indexOf(q) !== -1) {
            html += '<li data-i="' + i + '">' + data.places[i][P_NAME] + ' <small>'
              + data.kinds[data.places[i][P_KIND]][2] + '</small></li>';
            n++;
            break;
          }
        }
      }
      if (!n) { html = '<li class="geo-none">' + data.labels.noMatch + '</li>'; }
    }
    list.innerHTML = html;
  }

  function focusPlace(state, i) {
    var hits = state.leaves[i] || [], map = state.map;
    if (!hits.length) { return; }
    var hit = hits.filter(function (h) { return map.hasLayer(h.root); })[0] || hits[0];
    if (!map.hasLayer(hit.root)) { map.addLayer(hit.root); }
    var leaf = hit.leaf;
    var open = function () {
      var at = leaf.getLatLng ? leaf.getLatLng() : leaf.getBounds().getCenter();
      leaf.fire('click', { latlng: at }, true);  // propagate to the layer's popup
    };
    if (hit.root.geoCluster && hit.root.geoCluster.hasLayer(leaf)) {
      hit.root.geoCluster.zoomToShowLayer(leaf, open);
    } else {
      if (leaf.getLatLng) { map.setView(leaf.getLatLng(), Math.max(map.getZoom(), 15)); } else { map.fitBounds(leaf.getBounds(), { maxZoom: 16 }); }
      open();
    }
  }

  function unplacedControl(state) {
    var items = state.data.unplaced;
    var ctl = L.control({ position: 'bottomleft' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'geo-unplaced leaflet-bar');
      var html = '<details><summary>' + state.data.labels.unplaced + ' (' + items.length + ')</summary><ul>';
      var doubt = ' class="geo-possible" title="' + state.data.labels.possible + '"';
      items.forEach(function (u) {
        html += '<li' + (u[2] ? doubt : '') + '><span>' + u[0] + '</span>' + (u[1] ? ' <small>' + u[1] + '</small>' : '') + '</li>';
      });
      var anyDoubt = items.some(function (u) { return u[2]; });
      div.innerHTML = html + '</ul>' + (anyDoubt ? '<small>? ' + state.data.labels.possible + '</small>' : '') + '</details>';
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return ctl;
  }

  function indexLeaves(state) {
    state.leaves = {};
    state.roots.forEach(function (root) {
      eachLeaf(root, function (leaf) {
        var i = leaf.feature.properties.i;
        (state.leaves[i] = state.leaves[i] || []).push({ leaf: leaf, root: root });
      });
    });
  }

  // Test and bench hook: how many places of layer `k` are drawn now.
  function drawnCount(state, k) {
    var root = state.roots[k], seen = {}, n = 0;
    if (!state.map.hasLayer(root)) { return 0; }
    (state.leaves ? Object.keys(state.leaves) : []).forEach(function (i) {
      state.leaves[i].forEach(function (h) {
        if (h.root === root && !seen[i]) {
          var onMap = h.leaf._map || (root.geoCluster && root.geoCluster.hasLayer(h.leaf));
          if (onMap) { seen[i] = true; n++; }
        }
      });
    });
    return n;
  }

  // Leaflet pans a popup into the map but not out from under the (open)
  // layer list and legend: move it clear of any control it overlaps.
  function clearOfControls(map, popup) {
    var box = popup.getElement();
    if (!box) { return; }
    var a = box.getBoundingClientRect();
    var dx = 0, dy = 0;
    document.querySelectorAll('.leaflet-control-layers, .geo-legend').forEach(function (c) {
      var b = c.getBoundingClientRect();
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        if (b.left > (a.left + a.right) / 2) { dx = Math.max(dx, a.right - b.left + 10); }
        else if (b.top > (a.top + a.bottom) / 2) { dy = Math.max(dy, a.bottom - b.top + 10); }
      }
    });
    if (dx || dy) { map.panBy([dx, dy], { animate: false }); }
  }

  function init(map, data, basemaps) {
    var state = { map: map, data: data, roots: [], outline: null, gcj: false, legendDiv: null };
    var base = {}, overlays = {};
    basemaps.forEach(function (b) { b[1].geoGcj02 = b[2]; base[b[0]] = b[1]; });
    data.layers.forEach(function (spec) {
      var root = buildLayer(state, spec);
      root.geoGroup = spec.group;
      state.roots.push(root);
      overlays[spec.name] = root;
    });
    if (data.outline) {
      state.outline = L.geoJSON(data.outline.geojson, {
        interactive: false, attribution: data.outline.attribution,
        style: function () { return { color: '#8e2a2a', weight: 2.5, opacity: 0.8, dashArray: '8 5', fill: false }; }
      });
      state.outline.geoGroup = data.labels.reference;
      overlays[data.outline.name] = state.outline;
    }
    indexLeaves(state);
    var ctl = new GroupedLayers(base, overlays, { collapsed: !!data.embed, sortLayers: false });
    ctl.addTo(map);
    state.control = ctl;
    legendControl(state).addTo(map);
    if (!data.embed) {
      searchControl(state).addTo(map);
      if (data.unplaced.length) { unplacedControl(state).addTo(map); }
    }
    // Frame first, then add the overlays: the canvas draws and clusters are
    // computed once, at the final zoom, instead of twice.
    if (data.bounds) {
      // Keep the sites clear of the (expanded) layer list on the right.
      var right = ctl.getContainer().offsetWidth + 24;
      map.fitBounds(data.bounds, { paddingTopLeft: [24, 24], paddingBottomRight: [right, 24], maxZoom: 15, animate: false });
    }
    basemaps.forEach(function (b) { if (map.hasLayer(b[1]) && b[2]) { shiftAll(state, true); } });
    state.roots.forEach(function (root) { root.addTo(map); });
    if (state.outline) { state.outline.addTo(map); }
    keepAreasBelow(state);
    updateLegend(state);
    map.on('overlayadd overlayremove', function () { updateLegend(state); keepAreasBelow(state); });
    map.on('baselayerchange', function (e) { shiftAll(state, !!e.layer.geoGcj02); });
    map.on('popupopen', function (e) { clearOfControls(map, e.popup); });
    state.drawnCount = function (k) { return drawnCount(state, k); };
    window.geoMapState = state;
    window.geoMapReadyAt = performance.now();
    window.geoMapReady = true;
    return state;
  }

  window.geoMap = { init: init, wgs84ToGcj02: wgs84ToGcj02, popupHtml: popupHtml };
})();
