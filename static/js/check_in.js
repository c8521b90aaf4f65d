// The gate's check-in page: read a pass's QR code with the phone's camera, or from a photo
// of it, with jsQR (static/js/vendor/jsQR.js, Apache-2.0), put the code in the form and send
// it. Without a camera or script the code is typed (or a hand scanner types it).
(function () {
  "use strict";
  var form = document.getElementById("check-in-form");
  var input = document.getElementById("id_code");
  var note = document.getElementById("scanner-note");
  if (!form || !input || typeof window.jsQR !== "function") {
    return;
  }
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });

  function decode(source, width, height) {
    canvas.width = width;
    canvas.height = height;
    context.drawImage(source, 0, 0, width, height);
    var pixels = context.getImageData(0, 0, width, height);
    var found = window.jsQR(pixels.data, width, height, { inversionAttempts: "attemptBoth" });
    return found && found.data ? found.data : null;
  }

  function send(code) {
    input.value = code;
    form.submit();
  }

  var photo = document.querySelector(".scanner-photo");
  var file = document.getElementById("scanner-file");
  if (photo && file && window.createImageBitmap) {
    photo.hidden = false;
    file.addEventListener("change", function () {
      if (!file.files || !file.files[0]) {
        return;
      }
      window.createImageBitmap(file.files[0]).then(function (bitmap) {
        var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
        var code = decode(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
        if (code) {
          send(code);
        } else {
          note.textContent = note.dataset.none || "No QR code found in the photo; try again or type the code.";
        }
      });
    });
  }

  var scanner = document.querySelector(".scanner");
  var start = document.getElementById("scanner-start");
  var video = document.getElementById("scanner-video");
  var media = navigator.mediaDevices;
  if (scanner && start && video && media && media.getUserMedia) {
    scanner.hidden = false;
    start.addEventListener("click", function () {
      media.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        start.hidden = true;
        var look = function () {
          if (video.readyState >= 2 && video.videoWidth) {
            var code = decode(video, video.videoWidth, video.videoHeight);
            if (code) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              send(code);
              return;
            }
          }
          window.requestAnimationFrame(look);
        };
        window.requestAnimationFrame(look);
      }).catch(function () {
        note.textContent = note.dataset.denied || "The camera is not available; take a photo or type the code.";
      });
    });
  }
  input.focus();
})();
