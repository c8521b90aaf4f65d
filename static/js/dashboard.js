// Dashboard map: show the name and figures of the district under the pointer or keyboard focus.
document.addEventListener("DOMContentLoaded", () => {
  const detail = document.getElementById("map-detail");
  if (!detail) return;
  const show = (event) => {
    const district = event.target.closest(".map-district");
    if (district) detail.textContent = `${district.dataset.name}: ${district.dataset.detail}`;
  };
  document.querySelectorAll(".map-district").forEach((district) => {
    district.addEventListener("mouseenter", show);
    district.addEventListener("focus", show);
  });
});
