/* The AVL tree under the address-space code: order, balance, and the subtree maximum of gaps. */
#include <avl.h>
#include <ktest.h>

#define N 2000

static struct avl_node nodes[N];
static bool in_tree[N];

/* Walks the tree checking heights and max_gap; returns the subtree's height. */
static int check_subtree(const struct avl_node *n, bool *ok)
{
    if (!n)
        return 0;
    int l = check_subtree(n->left, ok), r = check_subtree(n->right, ok);
    uintptr_t m = n->gap;
    if (n->left) {
        m = MAX(m, n->left->max_gap);
        *ok &= n->left->key < n->key;
    }
    if (n->right) {
        m = MAX(m, n->right->max_gap);
        *ok &= n->right->key > n->key;
    }
    *ok &= m == n->max_gap && n->height == 1 + MAX(l, r) && l - r <= 1 && r - l <= 1;
    return 1 + MAX(l, r);
}

KTEST(avl_random_insert_remove)
{
    struct avl_tree t = { 0 };
    size_t count = 0;
    bool ok = true;
    for (int round = 0; round < 3 * N; round++) {
        int i = (int)(ktest_random() % N);
        if (in_tree[i]) {
            avl_remove(&t, &nodes[i]);
            in_tree[i] = false;
            count--;
        } else {
            nodes[i].key = (uintptr_t)i * 16 + 1;
            nodes[i].gap = ktest_random() % 100000;
            avl_insert(&t, &nodes[i]);
            in_tree[i] = true;
            count++;
        }
        if (round % 500 == 0)
            check_subtree(t.root, &ok);
    }
    check_subtree(t.root, &ok);
    KEXPECT(ok);
    /* AVL height bound: < 1.45 log2(n + 2). */
    int log2n = 0;
    for (size_t c = count; c > 1; c >>= 1)
        log2n++;
    KEXPECT(avl_height(&t) <= (log2n + 2) * 3 / 2);

    /* In order through ceil, and floor/ceil agree with a linear scan. */
    size_t seen = 0;
    uintptr_t prev = 0;
    for (struct avl_node *n = avl_first(&t); n; n = avl_ceil(&t, n->key + 1)) {
        KEXPECT(n->key > prev || seen == 0);
        prev = n->key;
        seen++;
    }
    KEXPECT(seen == count);
    for (int probe = 0; probe < 200; probe++) {
        uintptr_t k = ktest_random() % (N * 16);
        struct avl_node *want = NULL;
        for (int i = 0; i < N; i++)
            if (in_tree[i] && nodes[i].key <= k && (!want || nodes[i].key > want->key))
                want = &nodes[i];
        KEXPECT(avl_floor(&t, k) == want);
    }

    /* Change one gap, refresh, and the root's maximum follows. */
    struct avl_node *first = avl_first(&t);
    first->gap = 1u << 30;
    avl_refresh(&t, first->key);
    KEXPECT(t.root->max_gap == 1u << 30);
}
