// Picking a common reply (常用回复) fills the reply box; the form still works without this.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".saved-picker").forEach(function (picker) {
    picker.addEventListener("change", function () {
      var option = picker.options[picker.selectedIndex];
      var box = document.getElementById("reply-text");
      if (box && option && option.dataset.text) { box.value = option.dataset.text; }
    });
  });
});
